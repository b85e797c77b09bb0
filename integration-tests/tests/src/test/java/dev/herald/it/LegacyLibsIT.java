package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that bundles its own, older Byte Buddy, SLF4J and Logback (with its own {@code
 * logback.xml}) runs unchanged with the agent: the agent's copies of those libraries stay hidden,
 * and the agent neither reads nor changes the application's logging.
 *
 * <p>The application ({@code integration-tests/legacy-libs-app}) runs once without and once with
 * the agent; each test checks one aspect of those two runs.
 */
class LegacyLibsIT {


  /** The application's own library versions: legacy-libs-app/pom.xml. */
  private static final String APP_BYTE_BUDDY = "1.14.18";
  private static final String APP_SLF4J = "1.7.36";
  private static final String APP_LOGBACK = "1.2.13";

  private static final String APP_LOG = "APPLOG|";

  @TempDir
  static Path dir;

  private static Jvm.Result plain;
  private static Jvm.Result withAgent;
  private static Recording recording;

  @BeforeAll
  static void runTheApplicationWithoutAndWithTheAgent() {
    Workspace workspace = Workspace.in(dir);
    Path config = workspace.config("""
        services:
          - class: org.example.legacy.InventoryService
            entity: auto
        """ + Workspace.RECORDER);
    plain = Jvm.java().jar(Artifacts.legacyLibsApp()).workDir(dir).run(Timeouts.RUN);
    // DEBUG, so that the agent surely writes lines whose format the tests can check.
    withAgent = Jvm.java()
        .agent(config)
        .jvmArg("-Dherald.log.level=debug")
        .jar(Artifacts.legacyLibsApp())
        .workDir(dir)
        .run(Timeouts.RUN);
    recording = workspace.recording();
  }

  @Test
  void runsUnchangedWithTheAgent() {
    assertThat(plain.exitCode()).as(plain.describe()).isZero();
    assertThat(withAgent.exitCode()).as(withAgent.describe()).isZero();
    assertThat(normalized(withAgent.stdoutLines()))
        .as("the application's output with the agent, against its output without:\n" + withAgent.describe())
        .containsExactlyElementsOf(normalized(plain.stdoutLines()))
        .contains(APP_LOG + "INFO|org.example.legacy.LegacyApp|legacy app done");
  }

  @Test
  void keepsUsingItsOwnLibraryVersions() {
    assertThat(withAgent.stdoutLines())
        .as(withAgent.describe())
        .contains(
            APP_LOG + "INFO|org.example.legacy.LegacyApp|byte-buddy " + APP_BYTE_BUDDY,
            APP_LOG + "INFO|org.example.legacy.LegacyApp|slf4j-api " + APP_SLF4J,
            APP_LOG + "INFO|org.example.legacy.LegacyApp|logback-classic " + APP_LOGBACK,
            APP_LOG + "INFO|org.example.legacy.LegacyApp|slf4j binding ch.qos.logback.classic.LoggerContext",
            APP_LOG + "INFO|org.example.legacy.LegacyApp|generated subclass counted 5 calls");
  }

  @Test
  void keepsTheApplicationsLogFormatForAllItsLines() {
    // Every line on standard output is the app's own logback.xml pattern: no Logback status noise
    // from a second configuration, no agent line.
    assertThat(withAgent.stdoutLines())
        .as(withAgent.describe())
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).startsWith(APP_LOG));
  }

  @Test
  void writesTheAgentsLinesInHeraldsOwnFormatOnly() {
    List<String> herald = withAgent.heraldLines();
    assertThat(herald).as("the agent's lines at DEBUG:\n" + withAgent.describe()).isNotEmpty();
    assertThat(herald)
        .as(withAgent.describe())
        .allSatisfy(line -> assertThat(line)
            .matches("(\\d\\d:\\d\\d:\\d\\d\\.\\d{3} )?\\[herald\\] (TRACE|DEBUG|INFO|WARN|ERROR)\\s.*"));
    assertThat(herald)
        .as("no ERROR or WARN from the agent:\n" + withAgent.describe())
        .noneMatch(line -> line.matches(".*\\[herald\\] (WARN|ERROR)\\s.*"));
    List<String> everyLine = new ArrayList<>(withAgent.stdoutLines());
    everyLine.addAll(withAgent.stderr().lines().collect(Collectors.toList()));
    assertThat(everyLine)
        .as("the agent's log never goes through the application's Logback:\n" + withAgent.describe())
        .noneMatch(line -> line.startsWith(APP_LOG) && line.contains("herald"));
  }

  @Test
  void recordsEachWriteOnceThroughTheGeneratedSubclass() {
    assertThat(recording.names())
        .as(recording + "\n" + withAgent.describe())
        .containsExactly(
            "inventory.before.create", "inventory.after.create",
            "inventory.before.create", "inventory.after.create",
            "inventory.before.update", "inventory.after.update",
            "inventory.before.update", "inventory.failed.update",
            "inventory.before.delete", "inventory.after.delete");
    assertThat(recording.events())
        .as(recording.toString())
        .allSatisfy(event -> {
          assertThat(event.className()).isEqualTo("org.example.legacy.InventoryService");
          assertThat(event.entity()).isEqualTo("inventory");
        });
    assertThat(recording.byInvocation().values())
        .as("one before and one after or failed per call: " + recording)
        .hasSize(5)
        .allSatisfy(pair -> assertThat(pair).hasSize(2));
    assertThat(recording.matching("inventory.failed.update"))
        .singleElement()
        .satisfies(failed -> {
          assertThat(failed.errorClass()).isEqualTo(IllegalArgumentException.class.getName());
          assertThat(failed.args()).containsExactly("plum", "1");
        });
  }

  /** Byte Buddy names its subclasses with a random suffix: the same in both runs once normalized. */
  private static List<String> normalized(List<String> lines) {
    return lines.stream()
        .map(line -> line.replaceAll("\\$ByteBuddy\\$\\w+", "\\$ByteBuddy\\$*"))
        .collect(Collectors.toList());
  }
}
