package dev.herald.agent.cli;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A stand-in for the agent jar: records each start, and its argument, in the file named by {@code
 * -Dmarker.file}, and on attach reports a start as Herald does (the system property {@code herald.agent}).
 */
public final class MarkerAgent {

  private MarkerAgent() {}

  public static void premain(String args, Instrumentation inst) throws IOException {
    record("premain:" + args);
  }

  public static void agentmain(String args, Instrumentation inst) throws IOException {
    record("agentmain:" + args);
    System.setProperty("herald.agent", "attached");
  }

  private static void record(String line) throws IOException {
    Files.writeString(Path.of(System.getProperty("marker.file")), line + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
