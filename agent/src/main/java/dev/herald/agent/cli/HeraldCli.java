package dev.herald.agent.cli;

import dev.herald.agent.AgentVersion;
import dev.herald.agent.log.JdkModules;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar herald-agent.jar <command>}: commands for operators. Called reflectively by the
 * bootstrap {@code HeraldPremain.main} in the agent's class loader, whose parent is the system class
 * loader (so {@code jdk.attach} is visible).
 *
 * <p>Commands print to standard output; usage errors go to standard error with status 2.
 */
public final class HeraldCli {

  static final String USAGE = String.join(System.lineSeparator(),
      "usage: java -jar herald-agent.jar <command>",
      "  check <herald.yaml> [--classpath <app.jar:lib/*>] [--strict] [--json] [--max-matches <n>]",
      "        validate a config and list what it instruments; exit 0 clean, 1 warnings (--strict), 2 errors",
      "  attach <pid | main-class substring> <herald.yaml>",
      "        load Herald into a running JVM",
      "  list  show the JVMs Herald can attach to",
      "  version",
      "        print the version of this agent jar",
      "run an application with Herald: java -javaagent:herald-agent.jar=<herald.yaml> -jar app.jar");

  private HeraldCli() {}

  /**
   * Runs a command and returns the process exit status.
   *
   * @param agentJar the agent jar itself, loaded into the target JVM by {@code attach}
   */
  public static int run(String[] args, File agentJar) {
    return run(args, agentJar, Path.of("").toAbsolutePath(), System.out, System.err);
  }

  /** As {@link #run(String[], File)}, with relative paths resolved against {@code workingDir}. */
  static int run(String[] args, File agentJar, Path workingDir, PrintStream out, PrintStream err) {
    List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
    String command = args.length == 0 ? "help" : args[0];
    try {
      switch (command) {
        case "help", "--help", "-h" -> {
          out.println(USAGE);
          return args.length == 0 ? 2 : 0;
        }
        case "check" -> {
          return CheckCommand.run(CheckOptions.parse(rest), workingDir, System::getenv, out);
        }
        case "list" -> {
          if (!rest.isEmpty()) {
            throw new IllegalArgumentException("list takes no arguments, got " + String.join(" ", rest));
          }
          return withoutAttachModule("list", err) ? 2 : ListCommand.run(out);
        }
        case "version", "--version" -> {
          out.println("Herald " + AgentVersion.of(agentJar));
          return 0;
        }
        case "attach" -> {
          return withoutAttachModule("attach", err) ? 2 : AttachCommand.run(rest, agentJar, workingDir, out, err);
        }
        default -> throw new IllegalArgumentException("unknown command " + command);
      }
    } catch (IllegalArgumentException e) {
      err.println("herald: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
  }

  /**
   * True, having said so on {@code err}, if this JVM lacks {@code jdk.attach}, which {@code list} and
   * {@code attach} are made of: a JRE, a runtime made by jlink without it, or {@code --limit-modules}.
   * Without this check the first attach class fails to load, a stack trace and exit 1, which
   * stands for "Herald already runs there".
   */
  private static boolean withoutAttachModule(String command, PrintStream err) {
    if (JdkModules.resolved("jdk.attach")) {
      return false;
    }
    err.println("herald: " + command + " needs the jdk.attach module, which this Java runtime ("
        + System.getProperty("java.home") + ") does not have: run it with a full JDK's java, or a runtime"
        + " linked with --add-modules jdk.attach");
    return true;
  }
}
