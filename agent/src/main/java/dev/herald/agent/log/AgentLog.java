package dev.herald.agent.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.Logger;

/**
 * The agent's own log: a Logback context built in code, relocated with the agent, so that it never
 * reads the application's {@code logback.xml} and never changes the application's logging.
 *
 * <p>Writes to standard error as {@code 12:00:00.000 [herald] LEVEL message} until {@link
 * #configure} points it elsewhere. The level starts from the system property {@code
 * herald.log.level} (default {@code INFO}). Safe for concurrent use.
 */
public final class AgentLog {

  private static final String PATTERN = "%d{HH:mm:ss.SSS} [herald] %-5level %msg%n";
  private static final LoggerContext CONTEXT = createContext();

  private AgentLog() {}

  /** The logger for {@code type}. */
  public static Logger get(Class<?> type) {
    return CONTEXT.getLogger("herald." + type.getSimpleName());
  }

  /**
   * Sets the level and destination.
   *
   * @param level a Logback level name (error, warn, info, debug, trace); null keeps the current one
   * @param file a file to append to instead of standard error; null for standard error
   */
  public static synchronized void configure(String level, Path file) {
    ch.qos.logback.classic.Logger root = CONTEXT.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (level != null) {
      root.setLevel(Level.toLevel(level, root.getLevel()));
    }
    if (file != null) {
      Appender<ILoggingEvent> appender = fileAppender(file);
      root.detachAndStopAllAppenders();
      root.addAppender(appender);
    }
  }

  /** Flushes and closes the log; later messages are lost. */
  public static void shutdown() {
    CONTEXT.stop();
  }

  private static LoggerContext createContext() {
    LoggerContext context = new LoggerContext();
    context.setName("herald");
    // Logback 1.5+ needs an MDC adapter on a context built in code, or every append fails silently.
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(System.getProperty("herald.log.level"), Level.INFO));
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("stderr");
    console.setTarget("System.err");
    console.setEncoder(encoder(context));
    console.start();
    root.addAppender(console);
    context.start();
    return context;
  }

  private static Appender<ILoggingEvent> fileAppender(Path file) {
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(CONTEXT);
    appender.setName("file");
    appender.setFile(file.toString());
    appender.setAppend(true);
    appender.setEncoder(encoder(CONTEXT));
    appender.start();
    return appender;
  }

  private static PatternLayoutEncoder encoder(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    return encoder;
  }
}
