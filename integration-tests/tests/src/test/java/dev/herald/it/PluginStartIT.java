package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When plugins start ({@code plugins.start}): by default once the application's start has settled,
 * or at the first event, whose call goes on while they start, its events kept until they have
 * subscribed; with {@code immediate}, at once, beside the application's start.
 */
class PluginStartIT {

  private static final String ACCOUNTS = """
      services:
        - { class: dev.herald.it.shapes.AccountService, entity: account }
      """;

  @TempDir Path dir;

  @Test
  void byDefaultPluginsWaitWhileTheApplicationLoadsClassesAndTheFirstEventStartsThem() {
    Workspace ws = Workspace.in(dir);
    ws.config(ACCOUNTS + Workspace.RECORDER);
    Jvm.Result result = ws.shapes("plugins-while-loading").run(Timeouts.RUN);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.value("plugins-started-while-loading"))
        .as("the recorder started while the application was still loading classes; %s", result.describe())
        .isEqualTo("0");
    assertThat(ws.recording().names()).as(result.describe())
        .containsExactly("account.before.create", "account.after.create");
    assertThat(result.heraldLines("INFO")).as(result.describe())
        .anySatisfy(line -> assertThat(line).contains("plugins [recorder] (started at the first event)"));
  }

  @Test
  void byDefaultPluginsStartOnceTheApplicationStopsLoadingClasses() {
    Workspace ws = Workspace.in(dir);
    ws.config(ACCOUNTS + Workspace.RECORDER);
    Jvm.Result result = ws.shapes("plugins-after-quiet").run(Timeouts.RUN);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.heraldLines("INFO")).as(result.describe()).anySatisfy(line -> assertThat(line)
        .contains("plugins [recorder] (started when the application's start settled)"));
    assertThat(ws.recording().names()).containsExactly("account.before.create", "account.after.create");
  }

  @Test
  void immediateStartsThemBesideTheApplicationsStart() {
    Workspace ws = Workspace.in(dir);
    ws.config(ACCOUNTS + Workspace.RECORDER.replace("  path: plugins/\n", "  path: plugins/\n  start: immediate\n"));
    Jvm.Result result = ws.shapes("plugins-while-loading").run(Timeouts.RUN);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(Integer.parseInt(result.value("plugins-started-while-loading")))
        .as("the recorder never started while the application loaded classes for 1.2 s; %s", result.describe())
        .isPositive();
    assertThat(result.heraldLines("INFO")).as(result.describe())
        .anySatisfy(line -> assertThat(line).contains("plugins [recorder] (started at once)"));
    assertThat(ws.recording().names()).containsExactly("account.before.create", "account.after.create");
  }

  @Test
  void theFirstCallGoesOnWhileThePluginsStartAndItsEventsReachThemAfter() {
    Workspace ws = Workspace.in(dir);
    // starts before the recorder (file-name order) and takes 1.5 s
    ws.plugin(TestPlugins.compile(dir.resolve("build"), "a-slow.jar", "it.slow.SlowPlugin", Map.of(
        "it.slow.SlowPlugin", """
            package it.slow;

            public final class SlowPlugin implements dev.herald.api.HeraldPlugin {
              @Override public String name() { return "slow"; }
              @Override public void start(dev.herald.api.PluginContext context) throws Exception {
                Thread.sleep(1500);
              }
              @Override public void stop() {}
            }
            """)));
    ws.config(ACCOUNTS + Workspace.RECORDER);
    Jvm.Result result = ws.shapes("plugins-first-call").run(Timeouts.RUN);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.value("plugins-started-by-first-return"))
        .as("the first call waited for the plugins' start; %s", result.describe())
        .isEqualTo("false");
    assertThat(ws.recording().names()).as("kept, then delivered once the recorder subscribed; %s", result.describe())
        .containsExactly("account.before.create", "account.after.create");
  }
}
