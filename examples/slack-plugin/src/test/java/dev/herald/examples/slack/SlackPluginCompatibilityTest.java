package dev.herald.examples.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.api.HeraldPlugin;
import dev.herald.plugin.kit.PluginCompatibilityKit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The Slack plugin against the plugin contract, posting every event to a local fake Slack. */
class SlackPluginCompatibilityTest extends PluginCompatibilityKit {

  private FakeSlack slack;

  @BeforeEach
  void startSlack() throws Exception {
    slack = new FakeSlack();
  }

  @AfterEach
  void stopSlack() {
    slack.close();
  }

  @Override
  protected HeraldPlugin createPlugin() {
    return new SlackPlugin();
  }

  @Override
  protected Map<String, Object> config(Path tempDir) {
    return Map.of("webhook-url", slack.url(), "queue-capacity", 10_000L, "rules", List.of(Map.of(
        "on", List.of("*.*.*"), "channel", "#all",
        "text", "{name} by {actor}: {args[0]} {args[0].id} -> {result} {result.name} {error.class} {error.message}")));
  }

  @Override
  protected void afterEvents(HeraldPlugin plugin) throws Exception {
    assertThat(((SlackPlugin) plugin).awaitIdle(Duration.ofSeconds(30))).as("all messages sent").isTrue();
    assertThat(((SlackPlugin) plugin).statistics().failed()).as("messages given up").isZero();
  }
}
