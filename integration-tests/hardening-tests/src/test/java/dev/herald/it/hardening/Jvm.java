package dev.herald.it.hardening;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A builder for one forked JVM of the Java running the tests: {@code
 * Jvm.java().agent(config).probe("config").run(timeout)}.
 *
 * <p>The environment is the tests' own minus {@code HERALD_CONFIG}, plus what {@link #env} sets.
 * Output goes to files, read when the process ends, so no pipe can fill up. On timeout the process
 * tree is killed and the run fails with what it printed so far. For one thread.
 */
final class Jvm {

  private final List<String> jvmArgs = new ArrayList<>();
  private final List<String> classpath = new ArrayList<>();
  private final List<String> main = new ArrayList<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private Path workDir;

  private Jvm() {
    // a HERALD_CONFIG of the shell running the build must not leak into what a test sees
    env.put("HERALD_CONFIG", null);
  }

  static Jvm java() {
    return new Jvm();
  }

  /** Adds {@code -javaagent:<agent jar>=<config>}. */
  Jvm agent(Path config) {
    return jvmArg("-javaagent:" + Artifacts.agentJar() + "=" + config);
  }

  /** Runs {@code ProbeApp <mode>} from this module's classes. */
  Jvm probe(String mode) {
    return classpath(Artifacts.appClasses()).mainClass("dev.herald.it.hardening.app.ProbeApp", mode);
  }

  /** Runs {@code java -jar <agent jar> args...}: the agent's own command line. */
  Jvm agentCommand(String... args) {
    main.clear();
    main.add("-jar");
    main.add(Artifacts.agentJar().toString());
    main.addAll(List.of(args));
    return this;
  }

  Jvm classpath(Path... entries) {
    for (Path entry : entries) {
      classpath.add(entry.toString());
    }
    return this;
  }

  Jvm mainClass(String mainClass, String... args) {
    main.clear();
    main.add(mainClass);
    main.addAll(List.of(args));
    return this;
  }

  Jvm jvmArg(String arg) {
    jvmArgs.add(arg);
    return this;
  }

  /** Sets an environment variable of the forked JVM; null removes it. */
  Jvm env(String name, String value) {
    env.put(name, value);
    return this;
  }

  Jvm workDir(Path dir) {
    this.workDir = dir;
    return this;
  }

  List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    if (!classpath.isEmpty()) {
      command.add("-cp");
      command.add(String.join(File.pathSeparator, classpath));
    }
    command.addAll(main);
    return command;
  }

  /**
   * Starts the JVM and waits for it to exit.
   *
   * @throws AssertionError if it runs longer than {@code timeout}, with what it printed so far
   */
  JvmResult run(Duration timeout) {
    List<String> command = command();
    try {
      Path out = Files.createTempFile("herald-hardening-", ".out");
      Path err = Files.createTempFile("herald-hardening-", ".err");
      try {
        ProcessBuilder builder = new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        env.forEach((name, value) -> {
          if (value == null) {
            builder.environment().remove(name);
          } else {
            builder.environment().put(name, value);
          }
        });
        if (workDir != null) {
          builder.directory(workDir.toFile());
        }
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          throw new AssertionError("JVM did not exit within " + timeout + ": "
              + String.join(" ", command) + "\n--- stdout ---\n" + Files.readString(out, UTF_8)
              + "\n--- stderr ---\n" + Files.readString(err, UTF_8));
        }
        return new JvmResult(command, process.exitValue(), Files.readString(out, UTF_8),
            Files.readString(err, UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    }
  }
}
