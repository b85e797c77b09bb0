package dev.herald.agent.bus;

import static org.assertj.core.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.herald.agent.log.AgentLog;
import dev.herald.api.Event;
import dev.herald.api.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Events, waiting and log capture shared by the bus tests. */
final class BusTestSupport {

  static final Duration WAIT = Duration.ofSeconds(10);

  private BusTestSupport() {}

  /** {@code order.after.create} carrying {@code n} as its only argument. */
  static Event order(int n) {
    return Event.builder("order", Phase.AFTER, "create").args(n).build();
  }

  static Event event(String entity, Phase phase, String operation, Object... args) {
    return Event.builder(entity, phase, operation).args(args).build();
  }

  /** The int the event was built with by {@link #order(int)}. */
  static int number(Event event) {
    return (Integer) event.args().get(0);
  }

  static void await(CountDownLatch latch, String what) throws InterruptedException {
    if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      fail("timed out after " + WAIT + " waiting for " + what + " (" + latch.getCount() + " left)");
    }
  }

  /** Polls {@code condition} until it holds; fails with {@code what} after {@link #WAIT}. */
  static void awaitUntil(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        fail("timed out after " + WAIT + " waiting until " + what);
      }
      LockSupport.parkNanos(1_000_000L);
    }
  }

  static BusOptions options(int capacity, OverflowPolicy overflow, Duration blockTimeout, int threads) {
    return new BusOptions(capacity, overflow, blockTimeout, threads, Duration.ofSeconds(5));
  }

  /** Captures what the agent's log receives while open, on every herald logger. */
  static final class LogCapture implements AutoCloseable {
    private final Logger root = ((Logger) AgentLog.get(BusTestSupport.class))
        .getLoggerContext().getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture() {
      appender.setContext(root.getLoggerContext());
      appender.start();
      root.addAppender(appender);
    }

    /** Formatted messages at {@code level} that contain {@code text}. */
    List<String> lines(Level level, String text) {
      List<String> found = new ArrayList<>();
      synchronized (appender) { // the appender adds under its own lock
        for (ILoggingEvent event : appender.list) {
          if (event.getLevel() == level && event.getFormattedMessage().contains(text)) {
            found.add(event.getFormattedMessage());
          }
        }
      }
      return found;
    }

    /** Events at {@code level} containing {@code text} that carry a throwable. */
    long withStackTrace(Level level, String text) {
      synchronized (appender) {
        return appender.list.stream()
            .filter(e -> e.getLevel() == level && e.getFormattedMessage().contains(text))
            .filter(e -> e.getThrowableProxy() != null)
            .count();
      }
    }

    @Override
    public void close() {
      root.detachAppender(appender);
      appender.stop();
    }
  }
}
