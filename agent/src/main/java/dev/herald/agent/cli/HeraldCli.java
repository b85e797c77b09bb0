package dev.herald.agent.cli;

import dev.herald.agent.config.ConfigException;
import dev.herald.agent.config.ConfigLoader;
import dev.herald.agent.config.HeraldConfig;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code java -jar herald-agent.jar <command>}: commands for operators. Called reflectively by the
 * bootstrap {@code HeraldPremain.main} in the agent's class loader.
 */
public final class HeraldCli {

  private HeraldCli() {}

  /** Runs a command and returns the process exit status. */
  public static int run(String[] args, File agentJar) {
    PrintStream out = System.out;
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
      out.println("usage: java -jar herald-agent.jar check <herald.yaml>    validate a config file");
      out.println("       java -javaagent:herald-agent.jar=<herald.yaml> -jar app.jar   run an application with Herald");
      return args.length == 0 ? 2 : 0;
    }
    if (args[0].equals("check") && args.length >= 2) {
      return check(Path.of(args[1]), out);
    }
    System.err.println("unknown command: " + String.join(" ", args) + " (try: help)");
    return 2;
  }

  private static int check(Path file, PrintStream out) {
    try {
      HeraldConfig config = ConfigLoader.load(file, System::getenv);
      out.println(file + ": OK, " + config.services().size() + " service entries");
      return 0;
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 2;
    }
  }
}
