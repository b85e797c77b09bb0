package dev.herald.agent.log;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs a recurring problem at most once per interval: the first occurrence in full (with its stack
 * trace), then one summary line per interval saying how many more happened.
 *
 * <p>Safe for concurrent use; {@link #record} is cheap when nothing is to be written.
 */
public final class RateLimitedLog {

  private final Logger logger;
  private final long intervalNanos;
  private final boolean hideMessages;
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong reported = new AtomicLong();
  private volatile long nextReportNanos;

  /** A limiter writing to {@code logger} at most once per {@code intervalMillis}. */
  public RateLimitedLog(Logger logger, long intervalMillis) {
    this(logger, intervalMillis, false);
  }

  /**
   * A limiter as above; with {@code hideMessages}, the errors' messages are left out unless the
   * logger is at DEBUG: errors thrown by code that handles the application's values (a listener)
   * often quote them ({@code For input string: "4111..."}), and Herald logs no value above DEBUG.
   */
  public RateLimitedLog(Logger logger, long intervalMillis, boolean hideMessages) {
    this.logger = logger;
    this.intervalNanos = intervalMillis * 1_000_000L;
    this.hideMessages = hideMessages;
  }

  /**
   * Records one occurrence: the first is logged as a WARN with {@code error}'s stack trace; later
   * ones are summed into a line per interval. Never throws, whatever {@code error} does.
   *
   * @param what a description of the problem without counts, e.g. "listener audit-log:Audit failed"
   */
  public void record(String what, Throwable error) {
    try {
      write(what, error);
    } catch (Throwable unprintable) {
      // a throwable whose getMessage or toString throws (or an OutOfMemoryError while printing it):
      // the caller, a delivery thread or a service call, must go on; say what can be said safely
      try {
        logger.warn("{} ({} that could not be printed)", what, error.getClass().getName());
      } catch (Throwable ignored) {
        // nothing written: the next occurrence writes a summary at once rather than in an interval
        nextReportNanos = System.nanoTime();
      }
    }
  }

  private void write(String what, Throwable error) {
    long n = count.incrementAndGet();
    long now = System.nanoTime();
    if (n == 1) {
      nextReportNanos = now + intervalNanos;
      reported.set(1);
      if (error instanceof StackOverflowError) {
        // its trace is a thousand frames of the application's recursion, not Herald's
        logger.warn("{}: {}, the application's stack ran out in Herald's code (further failures are"
            + " summarised at most once per {} s)", what, error, intervalNanos / 1_000_000_000L);
      } else {
        // a JDK module the JVM did not resolve: its class's name is no argument value, and the
        // message, hidden below, is all that would tell which module
        String advice = JdkModules.adviceFor(error);
        logger.warn("{}{} (further failures are summarised at most once per {} s)", what,
            advice == null ? "" : ": " + error.getClass().getName() + ": " + error.getMessage() + "; " + advice,
            intervalNanos / 1_000_000_000L, shown(error));
      }
      return;
    }
    long next = nextReportNanos;
    if (now - next >= 0 && sameSlot(next, now)) {
      long unreported = n - reported.getAndSet(n);
      logger.warn("{}: {} more times in the last interval ({} in all); last: {}", what, unreported, n,
          hidden() ? MessageHidden.describe(error) : String.valueOf(error));
    }
  }

  private boolean hidden() {
    return hideMessages && !logger.isDebugEnabled();
  }

  private Throwable shown(Throwable error) {
    return hidden() && error != null ? MessageHidden.of(error) : error;
  }

  private boolean sameSlot(long expected, long now) {
    // one thread per interval wins the right to write the summary
    synchronized (this) {
      if (nextReportNanos != expected) {
        return false;
      }
      nextReportNanos = now + intervalNanos;
      return true;
    }
  }

  /** How many occurrences were recorded. */
  public long count() {
    return count.get();
  }
}
