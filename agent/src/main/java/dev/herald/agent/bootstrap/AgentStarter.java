package dev.herald.agent.bootstrap;

import java.io.File;
import java.lang.instrument.Instrumentation;

/**
 * Loads the agent's implementation in its own {@link AgentClassLoader} and starts it, once.
 *
 * <p>Lives on the bootstrap class path, so that a second start (an attach after {@code
 * -javaagent}, or two {@code -javaagent} flags) finds the first and is refused.
 *
 * <p>The system property {@code herald.agent} tells {@code java -jar herald-agent.jar attach} how
 * things stand: {@value #JAVAAGENT} or {@value #ATTACHED} while Herald runs, {@value #FAILED} when
 * an attach's start failed part way, and unset when Herald never ran or its config was rejected
 * on attach (then nothing was set up, and a later attach may try again). After such a rejection
 * {@value #REJECTED_PROPERTY} holds the config's problems on one line, for the attaching side to
 * show; each start clears it. {@value #CONFIG_PROPERTY} holds the config of the start that runs,
 * {@value #ATTACH_ID_PROPERTY} the id of the attach whose start runs or was rejected.
 */
public final class AgentStarter {

  /** {@code herald.agent} when started with {@code -javaagent}. */
  public static final String JAVAAGENT = "javaagent";
  /** {@code herald.agent} when attached and running. */
  public static final String ATTACHED = "attached";
  /** {@code herald.agent} when attached and start-up failed part way. */
  public static final String FAILED = "attached, but its start failed";

  /** The system property that holds, after an attach whose config was rejected, why. */
  public static final String REJECTED_PROPERTY = "herald.agent.rejected";

  /** The system property that holds the agent argument (the config file) of the start that runs. */
  public static final String CONFIG_PROPERTY = "herald.agent.config";

  /**
   * What {@code attach} appends to the agent argument, then an id of its own: two attaches at the
   * same moment both see Herald absent and the second start is ignored, so each must tell whether
   * the start that ran, or was rejected, was its own.
   */
  public static final String ATTACH_ID_MARK = "#herald-attach-id=";

  /** The system property that holds the attach id of the start that runs, or that was rejected last. */
  public static final String ATTACH_ID_PROPERTY = "herald.agent.attach-id";

  /** {@code HeraldAgent.start}'s result: Herald runs (with events, or none after a rejected config). */
  public static final int RUNNING = 0;
  /** {@code HeraldAgent.start}'s result when attached with a config rejected there: nothing was set up. */
  public static final int NOT_ATTACHED = 1;
  /** {@code HeraldAgent.start}'s result when start-up failed part way: the application runs without events. */
  public static final int START_FAILED = 2;

  private static boolean started;

  private AgentStarter() {}

  /** Starts the agent; called reflectively by {@link HeraldPremain}. */
  public static synchronized void start(String args, Instrumentation inst, boolean attached, File jar)
      throws Exception {
    String attachId = null;
    int mark = args == null ? -1 : args.lastIndexOf(ATTACH_ID_MARK);
    if (mark >= 0) {
      attachId = args.substring(mark + ATTACH_ID_MARK.length());
      args = args.substring(0, mark);
    }
    if (started) {
      HeraldPremain.stderr("WARN", "Herald is already running in this JVM; the second start was ignored");
      return;
    }
    started = true;
    System.clearProperty(REJECTED_PROPERTY);
    if (attachId != null) {
      System.setProperty(ATTACH_ID_PROPERTY, attachId);
    } else {
      System.clearProperty(ATTACH_ID_PROPERTY);
    }
    // Lets `java -jar herald-agent.jar attach` see that Herald already runs here, and refuse; and
    // tells AgentLog, before the agent's first class loads, to defer Logback (see AgentLog).
    System.setProperty("herald.agent", attached ? ATTACHED : JAVAAGENT);
    System.setProperty(CONFIG_PROPERTY, args == null ? "" : args);
    int result;
    try {
      ClassLoader loader = new AgentClassLoader(jar, ClassLoader.getPlatformClassLoader());
      Class<?> agent = Class.forName("dev.herald.agent.HeraldAgent", true, loader);
      result = (int) agent
          .getMethod("start", String.class, Instrumentation.class, boolean.class, File.class)
          .invoke(null, args, inst, attached, jar);
    } catch (Exception | LinkageError e) {
      // the jar unreadable or replaced under the JVM: nothing runs, and the attaching side must not
      // read "attached" as success
      System.setProperty("herald.agent", attached ? FAILED : JAVAAGENT + ", but its start failed");
      throw e;
    }
    if (result == NOT_ATTACHED) {
      started = false;
      System.clearProperty("herald.agent");
      System.clearProperty(CONFIG_PROPERTY); // the attach id stays: it names whose config was rejected
    } else if (attached && result == START_FAILED) {
      System.setProperty("herald.agent", FAILED);
    }
  }
}
