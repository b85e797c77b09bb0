package dev.herald.agent.bus;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;

/**
 * Flush and shutdown of a bus: waiting until what was published has been handled, and the report
 * of what could not be.
 *
 * <p>Waiting polls each subscription's queue progress ({@link BusSubscription#reached}) with
 * {@link Backoff}; delivery is never signalled per event, so neither is its end. While it waits it
 * cuts the delivery threads' naps short, since somebody is now waiting for them.
 */
final class Drain {

  /** How long nothing new must be published before a shutdown's drain ends early. */
  static final long QUIET_NANOS = 20_000_000L;
  /** The longest a shutdown's drain waits for events published after it began. */
  static final long MAX_EXTRA_NANOS = 500_000_000L;

  private final RouteTable table;
  private final DeliveryPool pool;
  private final Totals totals;
  private final Logger log;
  private boolean shutdown;
  private boolean shutdownResult;

  Drain(RouteTable table, DeliveryPool pool, Totals totals, Logger log) {
    this.table = table;
    this.pool = pool;
    this.totals = totals;
    this.log = log;
  }

  /** {@code timeout} in nanoseconds, at most Long.MAX_VALUE (about 292 years): "forever" must not overflow. */
  static long nanos(Duration timeout) {
    return timeout.isNegative() ? 0
        : timeout.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : timeout.toNanos();
  }

  /** True once every event queued before the call is handled; false after {@code timeoutNanos}. */
  boolean await(long timeoutNanos) {
    return await(table.toFlush(), timeoutNanos);
  }

  /** As {@link #await(long)}, for what {@code subscriptions} alone have queued before the call. */
  boolean await(BusSubscription[] subscriptions, long timeoutNanos) {
    long deadline = System.nanoTime() + Math.max(0, timeoutNanos);
    long[] marks = marks(subscriptions);
    int step = 0;
    boolean interrupted = false; // an interrupt the pauses cleared, given back when the wait ends
    try {
      for (int i = 0; i < subscriptions.length; ) {
        if (subscriptions[i].reached(marks[i])) {
          i++;
          continue;
        }
        if (pool.stopped() || System.nanoTime() - deadline >= 0) {
          return false;
        }
        pool.wakeIfSleeping();
        if (pool.hasUnclaimedWork()) {
          pool.wakeNappers();
        }
        interrupted |= Backoff.pause(step++);
      }
      return true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * As {@link #await}, then again for what was published meanwhile, until {@link #QUIET_NANOS} pass
   * with nothing new published, at most {@link #MAX_EXTRA_NANOS} (a quarter of the budget if less)
   * more, within {@code timeoutNanos}: at exit the application's own threads (requests still being
   * served) run beside this and may still call its services, and the events of those calls are
   * delivered too.
   */
  boolean awaitQuiet(long timeoutNanos) {
    return awaitQuiet(timeoutNanos, new String[1]);
  }

  /** As {@link #awaitQuiet(long)}; when it returns false, {@code why[0]} says what ended the wait. */
  private boolean awaitQuiet(long timeoutNanos, String[] why) {
    // elapsed time against the budget, not a deadline: a budget of "forever" must not overflow
    long start = System.nanoTime();
    long budget = Math.max(0, timeoutNanos);
    long[] before = marks();
    if (!await(budget)) {
      why[0] = "its listener was too slow or stuck, or events were still being published, when the drain's "
          + Duration.ofNanos(budget).toMillis() + " ms ran out";
      return false;
    }
    // What was published before the shutdown is delivered; what comes meanwhile is waited for a
    // little longer only: a thread that publishes steadily (a scheduler, a consumer loop) would
    // otherwise hold the exit for the whole budget, and leave the plugins only their floor.
    long extra = Math.min(MAX_EXTRA_NANOS, budget / 4);
    budget = Math.min(budget, (System.nanoTime() - start) + extra);
    while (true) {
      if (!await(budget - (System.nanoTime() - start))) {
        why[0] = "events were still being published: once what was published before the exit was delivered, the"
            + " drain waits at most " + Duration.ofNanos(extra).toMillis() + " ms more for what comes after";
        return false;
      }
      long quietStart = System.nanoTime();
      long quiet = Math.min(QUIET_NANOS, Math.max(0, budget - (quietStart - start)));
      long[] now = marks();
      while (Arrays.equals(now, before) && System.nanoTime() - quietStart < quiet) {
        LockSupport.parkNanos(QUIET_NANOS / 10);
        now = marks();
      }
      if (Arrays.equals(now, before)) {
        return true;
      }
      before = now;
    }
  }

  /** Events delivered and failed in the batches in flight, not yet in the totals. */
  private static long[] inBatches(BusSubscription[] subscriptions) {
    long[] counts = new long[2];
    for (BusSubscription subscription : subscriptions) {
      counts[0] += subscription.deliveredInBatch();
      counts[1] += subscription.failedInBatch();
    }
    return counts;
  }

  // A subscription made or closed meanwhile changes the length: that counts as a change too.
  private long[] marks() {
    return marks(table.toFlush());
  }

  private static long[] marks(BusSubscription[] subscriptions) {
    long[] marks = new long[subscriptions.length];
    for (int i = 0; i < subscriptions.length; i++) {
      marks[i] = subscriptions[i].flushMark();
    }
    return marks;
  }

  synchronized boolean shutdown(Duration timeout) {
    if (shutdown) {
      return shutdownResult;
    }
    shutdown = true;
    String[] why = new String[1];
    boolean drained = !(Thread.currentThread() instanceof DeliveryThread) && awaitQuiet(nanos(timeout), why);
    if (why[0] == null) {
      why[0] = drained
          ? "published after the drain had delivered everything published before them: the application still"
              + " called its services as the JVM exited"
          : "the shutdown ran on a delivery thread, which cannot wait for itself";
    }
    // joining briefly lets threads leave their batch before the report counts what is left
    pool.stop(100_000_000L);
    // What is left, then the totals, with nothing slow between: events published meanwhile (the
    // application's threads run on) would be counted in one and not the other. Subscriptions taken
    // off the routes but still delivering (a plugin stopping) count as the live ones do.
    BusSubscription[] subscriptions = table.toFlush();
    long[] undelivered = new long[subscriptions.length];
    long left = 0;
    long published = 0;
    long delivered = 0;
    long failed = 0;
    long dropped = 0;
    // A listener still in its batch (stuck, or slow past the join) has delivered events that the
    // totals get only when the batch ends; one ending between the two reads would count twice or
    // not at all, so the batches are read before and after the totals, until they agree.
    for (int attempt = 0; attempt < 3; attempt++) {
      long[] batches = inBatches(subscriptions);
      left = 0;
      for (int i = 0; i < subscriptions.length; i++) {
        undelivered[i] = subscriptions[i].undelivered();
        left += undelivered[i];
      }
      published = totals.published();
      delivered = totals.delivered.sum() + batches[0];
      failed = totals.failed.sum() + batches[1];
      dropped = totals.dropped.sum();
      if (Arrays.equals(batches, inBatches(subscriptions))) {
        break;
      }
    }
    for (int i = 0; i < subscriptions.length; i++) {
      subscriptions[i].reportRestOfDrops();
      if (undelivered[i] > 0) {
        log.warn("bus: subscription '{}' (pattern {}) held {} events undelivered at shutdown ({})",
            subscriptions[i].name(), subscriptions[i].pattern(), undelivered[i], why[0]);
      }
    }
    // instrumented calls make no events while nothing subscribes: say so, or 0 reads as a fault
    String nobody = published == 0 && table.subscriptions().length == 0
        ? " (nobody subscribed, and Herald makes events only for subscribers)" : "";
    String notDelivered = left == 0 ? "" : ", undelivered " + left;
    long failedPublishes = totals.failedPublishes;
    // events whose publish failed part-way were counted published and may have reached no queue
    String lost = failedPublishes == 0 ? "" : "; " + failedPublishes + " publish" + (failedPublishes == 1 ? "" : "es")
        + " failed part-way (see 'bus: publishing failed' above), their events possibly lost";
    log.info("bus: published {}, delivered {}, failed {}, dropped {}{}{}{}", published, delivered, failed, dropped,
        notDelivered, nobody, lost);
    shutdownResult = drained && left == 0;
    return shutdownResult;
  }
}
