package dev.herald.agent.log;

import java.nio.file.Path;
import org.slf4j.Logger;

/**
 * The agent's own log: a Logback context built in code, relocated with the agent, so that it never
 * reads the application's {@code logback.xml} and never changes the application's logging.
 *
 * <p>Writes {@code 12:00:00.000 [herald] LEVEL message} lines, or one JSON object per message
 * ({@code json}), to standard error until {@link #configure} points it elsewhere. The level starts
 * from the system property {@code herald.log.level} (default {@code INFO}), the format from {@code
 * herald.log.format} (default {@code text}).
 *
 * <p>In a running agent (the bootstrap sets the system property {@code herald.agent}) Logback costs
 * about 270 classes, too many to load before the application's {@code main}: until {@link
 * #setUpLogback()} has set it up, off the application's path, a small writer of the same lines
 * takes its place, writing each line at once, so that nothing is lost and an ERROR shows even if
 * the JVM exits right after. Elsewhere (the command line, tests) Logback is set up at once.
 *
 * <p>Safe for concurrent use.
 */
public final class AgentLog {

  /** The bootstrap sets it before the agent's first class loads; see {@code AgentStarter}. */
  static final String AGENT_PROPERTY = "herald.agent";

  /** The logger of the log's own messages (a file that cannot be written, a bad system property). */
  static final String OWN_LOGGER = "herald.AgentLog";

  private static final LogSwitch LOG = create();

  private AgentLog() {}

  /** The logger for {@code type}. */
  public static Logger get(Class<?> type) {
    return LOG.logger("herald." + type.getSimpleName());
  }

  /**
   * Sets the level, format and destination.
   *
   * @param level a level name (error, warn, info, debug, trace); null keeps the current one
   * @param format {@code text} or {@code json}; null (or another value) keeps the current one
   * @param file a file to append to instead of standard error; null for standard error
   */
  public static void configure(String level, String format, Path file) {
    LOG.configure(level, format, file);
  }

  /**
   * Sets the level, format and destination from a reloaded config, where a setting left out goes
   * back to what it was before any config: the level to {@code -Dherald.log.level}, else info; the
   * format to {@code -Dherald.log.format}, else text; the file to standard error.
   */
  public static void reconfigure(String level, String format, Path file) {
    LOG.reconfigure(level, format, file);
  }

  /**
   * Sets Logback up on the calling thread, if it is not yet: lines logged meanwhile are written as
   * they come, and Logback takes over after the last of them.
   */
  public static void setUpLogback() {
    LOG.setUpLogback();
  }

  /** Flushes and closes the log; later messages are lost. */
  public static void shutdown() {
    LOG.shutdown();
  }

  private static LogSwitch create() {
    LogSwitch log = new LogSwitch(System.getProperty("herald.log.level"), System.getProperty("herald.log.format"));
    if (System.getProperty(AGENT_PROPERTY) == null) {
      log.setUpLogback();
    }
    return log;
  }
}
