package dev.herald.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Point 9, the plugin that starts non-daemon threads (an executor, stopped only in its {@code
 * stop}): the application returns from {@code main}, and the JVM must still exit, with the plugin
 * reported. The application itself starts no thread, so whatever keeps the JVM alive is the
 * plugin's.
 */
class NonDaemonPluginIT {

  /** Far beyond start-up plus the configured shutdown timeouts: only a hang gets there. */
  private static final Duration EXIT_LIMIT = Duration.ofSeconds(45);

  @TempDir Path dir;

  @Test
  void jvmExitsAndThePluginIsReportedWhenItLeavesNonDaemonThreads() throws Exception {
    Path build = Files.createDirectories(dir.resolve("build"));
    Path plugins = dir.resolve("app/plugins");
    HostilePlugins.nonDaemonJar(build, plugins);
    HostilePlugins.goodJar(build, plugins);
    Path config = Sources.write(dir.resolve("app/herald.yaml"), """
        services:
          - { class: dev.herald.it.hardening.app.AccountService, entity: account }
        bus:
          shutdown-timeout: 2s
        plugins:
          path: plugins
          start-timeout: 2s
        """);

    JvmResult run = Jvm.java().agent(config).probe("plugins").workDir(config.getParent()).run(EXIT_LIMIT);

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdoutLines()).as(run.describe()).contains("APP DONE", "non-daemon-plugin started",
        "non-daemon-plugin worker daemon=false", "good-plugin received account.after.create");
    assertThat(run.heraldLines()).as("the plugin and its threads are named; %s", run.describe())
        .filteredOn(line -> line.contains("non-daemon") && line.contains("thread"))
        .isNotEmpty();
  }
}
