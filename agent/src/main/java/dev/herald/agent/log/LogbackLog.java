package dev.herald.agent.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.pattern.DynamicConverter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The agent's Logback context, built in code: never reads a {@code logback.xml}, never touches the
 * application's logging. Starts writing to standard error.
 *
 * <p>{@link #configure} is not thread-safe ({@link LogSwitch} guards it); loggers are.
 */
final class LogbackLog {

  static final String PATTERN = "%d{HH:mm:ss.SSS} [herald] %-5level %safeMsg%n%safeEx";

  private final LoggerContext context = new LoggerContext();
  private final ch.qos.logback.classic.Logger root;
  private Path file;

  /** A started context at {@code level} (a level name; INFO if not one), writing to standard error. */
  LogbackLog(String level) {
    context.setName("herald");
    // Logback 1.5+ needs an MDC adapter on a context built in code, or every append fails silently.
    context.setMDCAdapter(new LogbackMDCAdapter());
    Map<String, Supplier<DynamicConverter<?>>> rules = new HashMap<>();
    rules.put("safeMsg", new Supplier<>() { // not a lambda: this runs before main, where each costs a class
      @Override
      public DynamicConverter<?> get() {
        return new LogText.SafeMessage();
      }
    });
    rules.put("safeEx", new Supplier<>() {
      @Override
      public DynamicConverter<?> get() {
        return new LogText.SafeThrowable();
      }
    });
    context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
    root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level, Level.INFO));
    root.addAppender(console());
    context.start();
  }

  private ConsoleAppender<ILoggingEvent> console() {
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("stderr");
    console.setTarget("System.err");
    console.setEncoder(encoder());
    console.start();
    return console;
  }

  Logger logger(String name) {
    return context.getLogger(name);
  }

  /** As {@link AgentLog#configure}: null keeps the level; a null file means standard error. */
  void configure(String level, Path newFile) {
    if (level != null) {
      root.setLevel(Level.toLevel(level, root.getLevel()));
    }
    if (newFile == null && file != null) {
      switchTo(console());
      file = null;
      return;
    }
    if (newFile != null && !newFile.equals(file)) {
      FileAppender<ILoggingEvent> appender = new FileAppender<>();
      appender.setContext(context);
      appender.setName("file");
      appender.setFile(newFile.toString());
      appender.setAppend(true);
      appender.setEncoder(encoder());
      appender.start();
      if (!appender.isStarted()) {
        root.warn("cannot write the agent's log to {}; it goes on where it went", newFile);
        return;
      }
      switchTo(appender);
      file = newFile;
    }
  }

  /** The new appender goes on before the old ones come off, so that no line logged meanwhile is lost. */
  private void switchTo(Appender<ILoggingEvent> next) {
    List<Appender<ILoggingEvent>> old = new ArrayList<>();
    root.iteratorForAppenders().forEachRemaining(old::add);
    root.addAppender(next);
    for (Appender<ILoggingEvent> appender : old) {
      root.detachAppender(appender);
      appender.stop();
    }
  }

  /** Flushes and closes the appenders. */
  void stop() {
    context.stop();
  }

  private PatternLayoutEncoder encoder() {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    return encoder;
  }
}
