package dev.herald.it.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One forked JVM running the reliability application with the agent, in a {@link Workspace}:
 * {@code Jvm.app(ws, "load", "calls=10").jvmArg("-Xmx64m").run(timeout)}.
 *
 * <p>The environment is the tests' own minus {@code HERALD_CONFIG}. Output goes to files read
 * when the process ends, so no pipe can fill up; on timeout the process tree is killed and the run
 * fails with what it printed. For one thread.
 */
final class Jvm {

  private final Workspace workspace;
  private final List<String> jvmArgs = new ArrayList<>();
  private final List<String> appArgs;

  private Jvm(Workspace workspace, List<String> appArgs) {
    this.workspace = workspace;
    this.appArgs = appArgs;
  }

  /** {@code ReliabilityApp <scenario> args...} with {@code -javaagent:<jar>=<ws>/herald.yaml}, in {@code ws}. */
  static Jvm app(Workspace workspace, String scenario, String... args) {
    List<String> appArgs = new ArrayList<>(List.of(scenario));
    appArgs.addAll(List.of(args));
    return new Jvm(workspace, appArgs);
  }

  /** Adds a JVM option, e.g. {@code -Xmx64m}. */
  Jvm jvmArg(String arg) {
    jvmArgs.add(arg);
    return this;
  }

  List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-javaagent:" + Artifacts.agentJar() + "=" + workspace.dir().resolve("herald.yaml"));
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(Artifacts.testClasses().toString());
    command.add("dev.herald.it.reliability.app.ReliabilityApp");
    command.addAll(appArgs);
    return command;
  }

  /** Starts the JVM and waits for it; fails with its output if it runs longer than {@code timeout}. */
  Result run(Duration timeout) {
    List<String> command = command();
    try {
      Path out = workspace.dir().resolve("stdout.txt");
      Path err = workspace.dir().resolve("stderr.txt");
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(workspace.dir().toFile())
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      // a HERALD_CONFIG of the shell running the build must not reach what a test sees
      builder.environment().remove("HERALD_CONFIG");
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("JVM did not exit within " + timeout + ": " + String.join(" ", command)
            + "\n--- stdout ---\n" + Files.readString(out, UTF_8)
            + "\n--- stderr ---\n" + Files.readString(err, UTF_8));
      }
      long ended = System.currentTimeMillis();
      return new Result(process.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8), ended);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    }
  }
}
