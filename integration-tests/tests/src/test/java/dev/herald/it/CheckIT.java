package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar herald-agent.jar check} with the example plugins the build made, as an operator
 * runs it before a deployment: the demo's config passes, and wrong plugin settings fail the check
 * with each plugin's own message, instead of an ERROR at the application's start.
 */
class CheckIT {

  @TempDir Path dir;

  @Test
  void theDemosConfigPassesWithItsThreePlugins() {
    Jvm.Result check = Jvm.java().jar(Artifacts.agentJar(), "check", Artifacts.demoDir().resolve("herald.yaml")
        .toString()).workDir(dir).run(Timeouts.RUN);

    assertThat(check.exitCode()).as(check.describe()).isZero();
    assertThat(check.stdout()).contains("slack-plugin.jar: slack").contains("0 error(s)");
  }

  @Test
  void wrongSettingsOfThePluginsFailTheCheckWithEachPluginsMessage() throws Exception {
    Path config = Files.writeString(dir.resolve("herald.yaml"), """
        services: [{class: com.acme.OrderService, entity: order}]
        plugins:
          path: %s
          config:
            console: { show-arg: true, max-value-length: 4 }
            audit-log: { max-items: 0 }
        """.formatted(Artifacts.demoDir().resolve("plugins")));

    Jvm.Result check = Jvm.java().jar(Artifacts.agentJar(), "check", config.toString()).workDir(dir)
        .run(Timeouts.RUN);

    assertThat(check.exitCode()).as(check.describe()).isEqualTo(2);
    assertThat(check.stdout()).as(check.describe())
        .contains("ERROR plugins.config.console (" + config + ":5): plugin 'console' refuses them: console:"
            + " unknown setting 'show-arg'")
        .contains("max-value-length must be at least 8, was 4")
        .contains("ERROR plugins.config.audit-log (" + config + ":6): plugin 'audit-log' refuses them")
        .contains("ERROR plugins.config.slack (absent: the plugin gets no settings): plugin 'slack' refuses them:"
            + " slack: webhook-url is required")
        .contains("3 error(s)");
  }
}
