package dev.herald.agent.bootstrap;

import java.io.File;
import java.lang.instrument.Instrumentation;

/**
 * Loads the agent's implementation in its own {@link AgentClassLoader} and starts it, once.
 *
 * <p>Lives on the bootstrap class path, so that a second start (an attach after {@code
 * -javaagent}, or two {@code -javaagent} flags) finds the first and is refused.
 */
public final class AgentStarter {

  private static boolean started;

  private AgentStarter() {}

  /** Starts the agent; called reflectively by {@link HeraldPremain}. */
  public static synchronized void start(String args, Instrumentation inst, boolean attached, File jar)
      throws Exception {
    if (started) {
      System.err.println("[herald] WARN Herald is already running in this JVM; the second start was ignored");
      return;
    }
    started = true;
    // Lets `java -jar herald-agent.jar attach` see that Herald already runs here, and refuse; and
    // tells AgentLog, before the agent's first class loads, to defer Logback (see AgentLog).
    System.setProperty("herald.agent", attached ? "attached" : "javaagent");
    ClassLoader loader = new AgentClassLoader(jar, ClassLoader.getPlatformClassLoader());
    Class<?> agent = Class.forName("dev.herald.agent.HeraldAgent", true, loader);
    agent
        .getMethod("start", String.class, Instrumentation.class, boolean.class, File.class)
        .invoke(null, args, inst, attached, jar);
  }
}
