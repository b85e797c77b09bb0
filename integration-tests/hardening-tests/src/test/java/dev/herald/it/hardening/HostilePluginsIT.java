package dev.herald.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Point 9: one JVM with a plugin folder holding a working plugin and five hostile jars (not a zip,
 * a service entry naming a missing class, start throws, start never returns, bundles herald-api).
 * Each hostile one is reported once and contained; the good one receives events; the application
 * runs to the end and the JVM exits. The plugin that spawns non-daemon threads is {@link
 * NonDaemonPluginIT}.
 */
class HostilePluginsIT {

  @TempDir static Path dir;
  static JvmResult run;

  @BeforeAll
  static void runWithHostilePlugins() throws Exception {
    Path build = Files.createDirectories(dir.resolve("build"));
    Path plugins = dir.resolve("app/plugins");
    HostilePlugins.hangingJar(build, plugins);
    HostilePlugins.notAZipJar(plugins);
    HostilePlugins.missingClassJar(build, plugins);
    HostilePlugins.throwingJar(build, plugins);
    HostilePlugins.bundlesApiJar(build, plugins);
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
    run = Jvm.java().agent(config).probe("plugins").workDir(config.getParent()).run(Timeouts.RUN);
  }

  @Test
  void applicationRunsToTheEndAndTheJvmExits() {
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdoutLines()).as(run.describe()).contains("APP DONE", "create=acct-ann");
    assertThat(run.stackTraceLines()).as("reported in lines, not stack traces; %s", run.describe()).isEmpty();
  }

  @Test
  void theWorkingPluginReceivesEvents() {
    assertThat(run.stdoutLines()).as(run.describe()).contains("good-plugin started",
        "good-plugin received account.before.create", "good-plugin received account.after.create");
    assertThat(run.value("events")).as("the application's own subscription too; %s", run.describe()).isEqualTo("2");
  }

  @Test
  void aJarThatIsNotAZipIsReportedOnce() {
    assertThat(errorsAbout("not-a-zip.jar")).singleElement().asString().contains("not a jar");
  }

  @Test
  void aServiceEntryNamingAMissingClassIsReportedOnce() {
    assertThat(errorsAbout("missing-class.jar")).singleElement().asString().contains("it.hostile.Missing");
  }

  @Test
  void aPluginWhoseStartThrowsIsReportedOnce() {
    assertThat(errorsAbout("'throwing'")).singleElement().asString().contains("thrown on purpose by start");
  }

  @Test
  void startUpDoesNotWaitForAPluginWhoseStartNeverReturns() {
    assertThat(run.stdoutLines()).as("it was called; %s", run.describe()).contains("hanging-plugin entered start");
    assertThat(errorsAbout("'hanging'")).singleElement().asString().contains("did not start within 2s");
    // the good plugin loads after it (file-name order) and still starts
    assertThat(run.stdoutLines()).contains("good-plugin started");
  }

  @Test
  void aPluginThatBundlesTheApiIsRefusedAndSaysSo() {
    assertThat(errorsAbout("bundles-api.jar")).singleElement().asString().containsIgnoringCase("API");
    assertThat(run.stdoutLines()).as("only the good plugin's copy started; %s", run.describe())
        .filteredOn("good-plugin started"::equals).hasSize(1);
  }

  private static List<String> errorsAbout(String text) {
    List<String> errors = run.heraldLines("ERROR").stream().filter(line -> line.contains(text)).toList();
    assertThat(errors).as("ERROR lines about %s; %s", text, run.describe()).isNotEmpty();
    return errors;
  }
}
