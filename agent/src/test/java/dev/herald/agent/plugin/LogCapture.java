package dev.herald.agent.plugin;

import static org.assertj.core.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.herald.agent.log.AgentLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Captures what this package's classes write to the agent's log while a test runs, and lets a
 * test wait (bounded) for a line written by another thread. Lines from other packages are left
 * out, so that threads of other tests in the same JVM cannot disturb exact assertions.
 */
final class LogCapture implements AutoCloseable {

  private static final Set<String> LOGGERS = Stream.of(PluginManager.class, PluginFolder.class,
          PluginJar.class, PluginJarCheck.class, PluginLifecycle.class, LeftThreads.class)
      .map(type -> AgentLog.get(type).getName()).collect(Collectors.toUnmodifiableSet());

  private final List<ILoggingEvent> events = new ArrayList<>();
  private final Logger root;
  private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      if (!LOGGERS.contains(event.getLoggerName())) {
        return;
      }
      synchronized (LogCapture.this) {
        events.add(event);
        LogCapture.this.notifyAll();
      }
    }
  };

  LogCapture() {
    Logger any = (Logger) AgentLog.get(LogCapture.class);
    root = any.getLoggerContext().getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    appender.setContext(any.getLoggerContext());
    appender.setName("test-capture");
    appender.start();
    root.addAppender(appender);
  }

  /** The messages at {@code level}, in order. */
  synchronized List<String> at(Level level) {
    return events.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
  }

  synchronized List<String> all() {
    return events.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }

  /** Waits up to {@code timeout} for a message at {@code level} containing {@code text}, and returns it. */
  synchronized String await(Level level, String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (String message : at(level)) {
        if (message.contains(text)) {
          return message;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return fail("no %s line containing '%s' within %s; the log has: %s", level, text, timeout, all());
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
