package dev.herald.agent.bus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Reports one subscription's overflow drops: at most one WARN line per 10 seconds, saying how many
 * were dropped since the last line and in all. The first drop is reported at once.
 *
 * <p>Safe for concurrent use; costs a clock read and a volatile read per drop when nothing is
 * written, so that a storm of drops never turns into a storm of log lines.
 */
final class DropLog {

  static final long INTERVAL_NANOS = 10_000_000_000L;
  /** Why, when the bus had shut down: published while the JVM exits, after the drain. */
  static final String AFTER_SHUTDOWN = ". The bus has shut down (the JVM is exiting) and delivers nothing more";
  /** What to change, for whoever reads the line: the settings' names as the config file has them. */
  static final String ADVICE = ". The listener is slower than the events its pattern matches: a larger"
      + " bus.queue-capacity absorbs bursts (see bus.overflow and bus.block-timeout in the configuration reference)";
  private static final VarHandle NEXT_AT;

  static {
    try {
      NEXT_AT = MethodHandles.lookup().findVarHandle(DropLog.class, "nextAt", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Logger log;
  private final String name;
  private final String pattern;
  private final String overflow;
  /** The subscription's drops of every kind, for the lines' "in all". */
  private final AtomicLong dropped;
  // Queue-full drops counted here, apart from the subscription's total: drops of other kinds (on
  // close, at start-up, a listener's answer cut from a chain) are counted there at any moment, and
  // must not show up in a line as queue-full drops.
  private final AtomicLong queueFull = new AtomicLong();
  private final AtomicLong reported = new AtomicLong();
  // Of those, the ones after the bus shut down, and the ones of them told: a line's count may mix
  // both kinds (a slow listener's drops rate-limited before the shutdown, then one after it).
  private final AtomicLong afterShutDown = new AtomicLong();
  private final AtomicLong reportedAfterShutDown = new AtomicLong();
  @SuppressWarnings("unused") // accessed through NEXT_AT
  private volatile long nextAt = System.nanoTime();

  /** A reporter for the subscription {@code name} whose drop count is {@code dropped}. */
  DropLog(Logger log, String name, String pattern, OverflowPolicy overflow, AtomicLong dropped) {
    this.log = log;
    this.name = name;
    this.pattern = pattern;
    this.overflow = overflow.configName();
    this.dropped = dropped;
  }

  /**
   * At shutdown: reports the drops not reported yet (a line is written only when a drop comes, at
   * most once per 10 s, so the drops after the last line would otherwise show only in the total).
   */
  void reportRest() {
    long late = untold(afterShutDown, reportedAfterShutDown);
    long rest = untold(queueFull, reported);
    if (rest > 0) {
      log.warn("subscription '{}' (pattern {}) dropped {} more event{} since its last report (queue full, overflow {});"
          + " {} in all{}", name, pattern, rest, rest == 1 ? "" : "s", overflow, dropped.get(), why(rest, late));
    }
  }

  /**
   * Called after each overflow drop was counted; {@code shutDown} if the bus had shut down then
   * (nothing delivers any more, so the queue is full whatever the listener's pace).
   */
  void onDrop(boolean shutDown) {
    if (shutDown) {
      afterShutDown.incrementAndGet(); // first: a line's count then never holds it without this one
    }
    queueFull.incrementAndGet();
    long now = System.nanoTime();
    long next = (long) NEXT_AT.getVolatile(this);
    // one thread per interval wins the right to write the line
    if (now - next < 0 || !NEXT_AT.compareAndSet(this, next, now + INTERVAL_NANOS)) {
      return;
    }
    long late = untold(afterShutDown, reportedAfterShutDown);
    long recent = untold(queueFull, reported);
    log.warn("subscription '{}' (pattern {}) dropped {} event{} in the last 10 s (queue full, overflow {}); {} in all{}",
        name, pattern, recent, recent == 1 ? "" : "s", overflow, dropped.get(), why(recent, late));
  }

  /** Why {@code told} drops, {@code late} of them after the bus shut down, were dropped. */
  private static String why(long told, long late) {
    if (late <= 0) {
      return ADVICE;
    }
    if (late >= told) {
      return AFTER_SHUTDOWN;
    }
    return ADVICE + "; " + late + " of them after the bus had shut down (the JVM is exiting), which delivers nothing more";
  }

  /** Of {@code counted}, what no line has told yet, now marked {@code told}; never negative, none told twice. */
  private static long untold(AtomicLong counted, AtomicLong told) {
    long all = counted.get();
    return Math.max(0, all - told.getAndAccumulate(all, Math::max));
  }
}
