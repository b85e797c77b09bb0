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
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
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
 * application's logging. Starts writing to standard error, in the text form ({@link #PATTERN}) or
 * as JSON lines ({@link JsonLayout}).
 *
 * <p>{@link #configure} is not thread-safe ({@link LogSwitch} guards it); loggers are.
 */
final class LogbackLog {

  static final String PATTERN = "%d{HH:mm:ss.SSS} [herald] %-5level %safeMsg%n%safeEx";

  private final LoggerContext context = new LoggerContext();
  private final ch.qos.logback.classic.Logger root;
  private Path file;
  /** Appenders switched away from, stopped at the next switch; guarded by this. */
  private final List<Appender<ILoggingEvent>> retired = new ArrayList<>();
  private boolean json;

  /**
   * A started context at {@code level} (a level name; INFO if not one), writing to standard error in
   * {@code format} ({@code json}, else text).
   */
  LogbackLog(String level, String format) {
    json = JsonLine.JSON.equals(format);
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
    root.addAppender(console(json));
    context.start();
  }

  private ConsoleAppender<ILoggingEvent> console(boolean asJson) {
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("stderr");
    console.setTarget("System.err");
    console.setEncoder(encoder(asJson));
    console.start();
    return console;
  }

  Logger logger(String name) {
    return context.getLogger(name);
  }

  /**
   * As {@link AgentLog#configure}: a null level or format keeps it; a null file means standard
   * error.
   */
  void configure(String level, String format, Path newFile) {
    if (level != null) {
      root.setLevel(Level.toLevel(level, root.getLevel()));
    }
    boolean nextJson = format == null ? json : JsonLine.JSON.equals(format);
    boolean sameFile = newFile == null ? file == null : newFile.equals(file);
    if (sameFile && nextJson == json) {
      return;
    }
    if (newFile == null) {
      switchTo(console(nextJson));
      file = null;
      json = nextJson;
      return;
    }
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("file");
    appender.setFile(newFile.toString());
    appender.setAppend(true);
    appender.setEncoder(encoder(nextJson));
    appender.start();
    if (!appender.isStarted()) {
      if (nextJson != json) {
        // the format applies all the same, where the lines go on: the file they went to, unless it
        // is this one, which cannot be opened again; then standard error
        if (file != null && !sameFile) {
          configure(null, format, file);
        } else {
          switchTo(console(nextJson));
          file = null;
          json = nextJson;
        }
      }
      logger(AgentLog.OWN_LOGGER).warn("cannot write the agent's log to {}; it goes on {}", newFile,
          file == null ? "on standard error" : "to " + file);
      return;
    }
    switchTo(appender);
    file = newFile;
    json = nextJson;
  }

  /**
   * The new appender goes on before the old ones come off, and those are stopped only at the next
   * switch (or the end): a thread logging meanwhile may hold the list of appenders from before, and
   * a stopped appender drops its line without a word. So no line is lost; one logged at the very
   * moment of the switch may be written by both.
   */
  private synchronized void switchTo(Appender<ILoggingEvent> next) {
    for (Appender<ILoggingEvent> appender : retired) {
      appender.stop();
    }
    retired.clear();
    List<Appender<ILoggingEvent>> old = new ArrayList<>();
    root.iteratorForAppenders().forEachRemaining(old::add);
    root.addAppender(next);
    for (Appender<ILoggingEvent> appender : old) {
      root.detachAppender(appender);
      retired.add(appender);
    }
  }

  /** Flushes and closes the appenders. */
  synchronized void stop() {
    context.stop();
    for (Appender<ILoggingEvent> appender : retired) {
      appender.stop();
    }
    retired.clear();
  }

  private Encoder<ILoggingEvent> encoder(boolean asJson) {
    if (asJson) {
      JsonLayout layout = new JsonLayout();
      layout.setContext(context);
      layout.start();
      LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
      encoder.setContext(context);
      encoder.setLayout(layout);
      encoder.start();
      return encoder;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    return encoder;
  }
}
