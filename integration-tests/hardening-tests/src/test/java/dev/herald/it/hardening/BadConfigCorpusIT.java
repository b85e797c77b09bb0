package dev.herald.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Point 8: every broken config of {@link ConfigCorpus} gives one clear ERROR line naming file, line
 * and column, the application runs (without events), nothing on standard error is a stack trace,
 * {@code java -jar herald-agent.jar check} says the same with exit status 2, and with {@code
 * on-config-error: exit} the JVM exits non-zero with the same message. Each config needs its own
 * JVM; the cases run two at a time (junit-platform.properties).
 */
@Execution(ExecutionMode.CONCURRENT)
class BadConfigCorpusIT {

  static Stream<ConfigCorpus.Case> cases() {
    return ConfigCorpus.cases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void givesOneClearErrorWithPositionAndTheApplicationRuns(ConfigCorpus.Case corpusCase, @TempDir Path dir)
      throws IOException {
    Path config = corpusCase.materialize(dir);

    String error = assertOneErrorAndTheAppRan(config, corpusCase.location(config), corpusCase.fragment());
    JvmResult check = check(config, dir);
    assertThat(check.exitCode()).as(check.describe()).isEqualTo(2);
    String checkProblem = problemLine(check, corpusCase.location(config), corpusCase.fragment());
    assertThat(error).as("the agent says what check says; %s", check.describe()).contains(checkProblem);
    if (corpusCase.exitVariant()) {
      assertExitsNonZeroWithTheSameMessage(config, error);
    }
  }

  @Test
  void aFileThatCannotBeReadIsOneClearError(@TempDir Path dir) throws IOException {
    // /proc/self/mem exists and cannot be read from offset 0: a read error even for root
    Path mem = Path.of("/proc/self/mem");
    assumeTrue(Files.exists(mem), "needs Linux /proc");
    Path config = Files.createSymbolicLink(dir.resolve("unreadable.yaml"), mem);
    try {
      assertOneErrorAndTheAppRan(config, config + ": ", "cannot be read");
    } finally {
      Files.delete(config);
    }
  }

  @Test
  void aFileWithoutReadPermissionIsOneClearError(@TempDir Path dir) throws IOException {
    Path config = Files.writeString(dir.resolve("no-permission.yaml"),
        "services:\n  - { class: " + ConfigCorpus.SERVICE + ", entity: account }\n");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(config), "root reads files whatever their permissions");

    assertOneErrorAndTheAppRan(config, config + ": ", "cannot be read: permission denied");
  }

  @Test
  void aFolderInsteadOfAFileIsOneClearError(@TempDir Path dir) throws IOException {
    Path config = Files.createDirectories(dir.resolve("herald.yaml"));

    assertOneErrorAndTheAppRan(config, config + ": ", "is a folder");
  }

  /** Runs the probe with {@code config}; returns the one ERROR line after checking it and the run. */
  private static String assertOneErrorAndTheAppRan(Path config, String location, String fragment) {
    JvmResult run = Jvm.java().agent(config).probe("config").workDir(config.getParent())
        .env(ConfigCorpus.UNSET_VARIABLE, null).run(Timeouts.RUN);

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdoutLines()).as(run.describe()).contains("APP DONE");
    assertThat(run.value("installed")).as("the bus is there, without events; %s", run.describe()).isEqualTo("true");
    assertThat(run.value("events")).as("a broken config instruments nothing; %s", run.describe()).isEqualTo("0");
    assertThat(run.stackTraceLines()).as("no stack trace; %s", run.describe()).isEmpty();
    List<String> errors = run.heraldLines("ERROR");
    assertThat(errors).as("exactly one ERROR line; %s", run.describe()).hasSize(1);
    String error = errors.get(0);
    assertThat(error).as(run.describe()).contains(location).contains(fragment)
        .doesNotContain("dev.herald.agent.").doesNotContain("org.snakeyaml").doesNotContain("java.lang.");
    return error;
  }

  /** With on-config-error: exit appended, the JVM exits non-zero before the app, with the same problem. */
  private static void assertExitsNonZeroWithTheSameMessage(Path config, String continueError) throws IOException {
    Path exitDir = Files.createDirectories(config.resolveSibling("exit"));
    Path exitConfig = Files.writeString(exitDir.resolve(config.getFileName()),
        Files.readString(config) + "on-config-error: exit\n");

    JvmResult exit = Jvm.java().agent(exitConfig).probe("config").workDir(exitDir)
        .env(ConfigCorpus.UNSET_VARIABLE, null).run(Timeouts.RUN);

    assertThat(exit.exitCode()).as(exit.describe()).isNotZero();
    assertThat(exit.stdout()).as("the application must not run; %s", exit.describe()).doesNotContain("APP DONE");
    assertThat(exit.stackTraceLines()).as(exit.describe()).isEmpty();
    List<String> errors = exit.heraldLines("ERROR");
    assertThat(errors).as(exit.describe()).hasSize(1);
    assertThat(errors.get(0)).as("names on-config-error").contains("on-config-error: exit");
    assertThat(problems(errors.get(0).replace(exitDir.toString(), config.getParent().toString())))
        .as("the same message as with continue; %s", exit.describe())
        .isEqualTo(problems(continueError));
  }

  /** The problems of an ERROR line: after the level, before the last "; " (what happens next). */
  private static String problems(String errorLine) {
    String message = errorLine.substring(errorLine.indexOf("ERROR") + "ERROR".length()).strip();
    return message.substring(0, message.lastIndexOf("; "));
  }

  private static JvmResult check(Path config, Path dir) {
    return Jvm.java().agentCommand("check", config.toString()).workDir(dir)
        .env(ConfigCorpus.UNSET_VARIABLE, null).run(Timeouts.RUN);
  }

  /** check's line for the problem at {@code location}, without a leading level word. */
  private static String problemLine(JvmResult check, String location, String fragment) {
    String line = check.output().lines().filter(l -> l.contains(location) && l.contains(fragment)).findFirst()
        .orElseThrow(() -> new AssertionError("check does not name " + location + "; " + check.describe()));
    return line.substring(line.indexOf(location)).strip();
  }
}
