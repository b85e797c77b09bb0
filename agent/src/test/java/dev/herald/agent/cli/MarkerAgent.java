package dev.herald.agent.cli;

import dev.herald.agent.bootstrap.AgentStarter;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A stand-in for the agent jar: records each start, and its argument, in the file named by {@code
 * -Dmarker.file}, and on attach reports a start as Herald does (the system properties {@code herald.agent}
 * and {@code herald.agent.attach-id}).
 */
public final class MarkerAgent {

  private MarkerAgent() {}

  public static void premain(String args, Instrumentation inst) throws IOException {
    record("premain:" + args);
  }

  public static void agentmain(String args, Instrumentation inst) throws IOException {
    // as AgentStarter does: the attach id off the argument, and kept for the attaching side (the
    // constants are inlined by javac: this jar needs no class of the agent)
    int mark = args.lastIndexOf(AgentStarter.ATTACH_ID_MARK);
    record("agentmain:" + args.substring(0, mark));
    System.setProperty(AgentStarter.ATTACH_ID_PROPERTY, args.substring(mark + AgentStarter.ATTACH_ID_MARK.length()));
    System.setProperty("herald.agent", "attached");
  }

  private static void record(String line) throws IOException {
    Files.writeString(Path.of(System.getProperty("marker.file")), line + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
