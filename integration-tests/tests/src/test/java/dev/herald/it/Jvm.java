package dev.herald.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A builder for one forked JVM: {@code Jvm.java().agent(config).jar(app, "scenario").run(timeout)}.
 *
 * <p>The environment is the tests' own minus {@code HERALD_CONFIG}, plus what {@link #env} sets.
 * Standard output and error go to files and are read in full when the process ends, so nothing
 * it prints is lost and no pipe can fill up. On timeout the whole process tree is killed and the
 * run fails with what it printed so far. A builder is for one thread; {@link #run} may be called
 * more than once.
 */
final class Jvm {

  private final Path javaHome;
  private final List<String> jvmArgs = new ArrayList<>();
  private final List<String> classpath = new ArrayList<>();
  private final List<String> main = new ArrayList<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private Path workDir;
  private String launcher = "java";

  private Jvm(Path javaHome) {
    this.javaHome = javaHome;
    // A HERALD_CONFIG of the shell running the build must not leak into what a test sees.
    env.put("HERALD_CONFIG", null);
  }

  /** A JVM of the same Java installation as the one running the tests. */
  static Jvm java() {
    return new Jvm(Path.of(System.getProperty("java.home")));
  }

  /** A JVM of the Java installation at {@code javaHome} (the folder holding {@code bin/java}). */
  static Jvm java(Path javaHome) {
    return new Jvm(javaHome);
  }

  /** Adds {@code -javaagent:<agent jar>=<config>}. */
  Jvm agent(Path config) {
    return jvmArg("-javaagent:" + Artifacts.agentJar() + "=" + config);
  }

  /** Adds {@code -javaagent:<agent jar>} with no argument, so the agent looks the config up itself. */
  Jvm agentNoArg() {
    return jvmArg("-javaagent:" + Artifacts.agentJar());
  }

  /** Appends entries to {@code -cp}. */
  Jvm classpath(Path... entries) {
    Arrays.stream(entries).map(Path::toString).forEach(classpath::add);
    return this;
  }

  /** Runs {@code mainClass} with {@code args} (from the {@link #classpath}). */
  Jvm mainClass(String mainClass, String... args) {
    main.clear();
    main.add(mainClass);
    main.addAll(List.of(args));
    return this;
  }

  /** Runs the JDK's {@code bin/<name>} (jps, jcmd, javac) with {@code args}, instead of {@code java}. */
  Jvm tool(String name, String... args) {
    launcher = name;
    main.clear();
    main.addAll(List.of(args));
    return this;
  }

  /** Runs {@code java -jar jar args...}. */
  Jvm jar(Path jar, String... args) {
    main.clear();
    main.add("-jar");
    main.add(jar.toString());
    main.addAll(List.of(args));
    return this;
  }

  /** Adds a JVM option, e.g. {@code -Dherald.config=...} or {@code -Xmx64m}. */
  Jvm jvmArg(String arg) {
    jvmArgs.add(arg);
    return this;
  }

  /** Sets an environment variable of the forked JVM (the rest is inherited); null removes it. */
  Jvm env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** The forked JVM's working directory; the tests' own if unset. */
  Jvm workDir(Path dir) {
    this.workDir = dir;
    return this;
  }

  /** The command line, for failure messages. */
  List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin").resolve(launcher).toString());
    command.addAll(jvmArgs);
    if (!classpath.isEmpty()) {
      command.add("-cp");
      command.add(String.join(java.io.File.pathSeparator, classpath));
    }
    command.addAll(main);
    return command;
  }

  /**
   * Starts the JVM and waits for it to exit.
   *
   * @throws AssertionError if it runs longer than {@code timeout}, with what it printed so far
   */
  Result run(Duration timeout) {
    if (main.isEmpty() && launcher.equals("java")) {
      throw new IllegalStateException("nothing to run: call mainClass(...) or jar(...) first");
    }
    List<String> command = command();
    try {
      Path out = Files.createTempFile("herald-it-", ".out");
      Path err = Files.createTempFile("herald-it-", ".err");
      try {
        ProcessBuilder builder = new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
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
          throw new AssertionError(
              "JVM did not exit within " + timeout + ": " + String.join(" ", command)
                  + "\n--- stdout ---\n" + Files.readString(out, UTF_8)
                  + "\n--- stderr ---\n" + Files.readString(err, UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8));
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

  private static java.io.File nullDevice() {
    return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  /**
   * What a forked JVM did.
   *
   * @param exitCode its exit status
   * @param stdout everything it wrote to standard output
   * @param stderr everything it wrote to standard error
   */
  record Result(int exitCode, String stdout, String stderr) {

    /** Lines of standard error that the agent wrote (they contain {@code [herald]}). */
    List<String> heraldLines() {
      return stderr.lines().filter(line -> line.contains("[herald]")).collect(Collectors.toList());
    }

    /** The agent's lines at {@code level} ({@code "ERROR"}, {@code "WARN"}, {@code "INFO"}). */
    List<String> heraldLines(String level) {
      return heraldLines().stream()
          .filter(line -> line.matches(".*\\[herald\\]\\s+" + level + "\\b.*"))
          .collect(Collectors.toList());
    }

    /** Lines of standard output. */
    List<String> stdoutLines() {
      return stdout.lines().collect(Collectors.toList());
    }

    /**
     * The value of the last {@code key=value} line on standard output, the form the test
     * applications report in; null if there is none.
     */
    String value(String key) {
      String prefix = key + "=";
      String found = null;
      for (String line : stdout.lines().collect(Collectors.toList())) {
        if (line.startsWith(prefix)) {
          found = line.substring(prefix.length());
        }
      }
      return found;
    }

    /** Everything, for assertion messages: {@code assertThat(...).as(result.describe())}. */
    String describe() {
      return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }
  }
}
