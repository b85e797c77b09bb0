package dev.herald.agent.bus;

import dev.herald.api.Event;

/**
 * What one subscription does when its queue is full, per its {@link OverflowPolicy}. Only
 * publishers come here, and only when the queue is full: the slow path.
 *
 * <p>Every event it gives up on is counted and reported through the subscription's {@link
 * DropLog}. Waiting allocates nothing: the caller's deadline travels as a {@code long}.
 */
final class Overflow {

  // Under drop-oldest, publishers racing to refill the queue could evict for ever; give up after this.
  private static final int MAX_EVICTIONS = 16;
  /** How much longer than planned one pause of a blocked publisher may take and still count whole. */
  static final long STALL_SLACK_NANOS = 2_000_000L;

  /** How a blocked publisher waits between tries: {@link Backoff#pause}; tests stall it instead. */
  interface Waiting {
    /** As {@link Backoff#pause}: true if it cleared the thread's interrupt, for the caller to restore. */
    boolean pause(int step);
  }

  // an anonymous class, not a method reference: a bus is made in premain, where each lambda costs
  // a class spun at run time
  static final Waiting BACKOFF = new Waiting() {
    @Override
    public boolean pause(int step) {
      return Backoff.pause(step);
    }
  };

  private final BusSubscription subscription;
  private final OverflowPolicy policy;
  private final long blockTimeoutNanos;
  private final DeliveryPool pool;
  private final DropLog dropLog;
  Waiting waiting = BACKOFF;

  Overflow(BusSubscription subscription, BusOptions options, DeliveryPool pool, DropLog dropLog) {
    this.subscription = subscription;
    this.policy = options.overflow();
    this.blockTimeoutNanos = options.blockTimeout().toNanos();
    this.pool = pool;
    this.dropLog = dropLog;
  }

  /** At shutdown: see {@link DropLog#reportRest}. */
  void reportRestOfDrops() {
    dropLog.reportRest();
  }

  /**
   * Handles {@code event}, which did not fit.
   *
   * @param deadline when this publish stops waiting, as {@link System#nanoTime()}; 0 if not set yet
   * @return the deadline, set if this call started waiting
   */
  long onFull(Event event, long deadline) {
    switch (policy) {
      case DROP_NEWEST -> drop();
      case DROP_OLDEST -> dropOldest(event);
      case BLOCK -> deadline = block(event, deadline);
    }
    return deadline;
  }

  private void dropOldest(Event event) {
    for (int i = 0; i < MAX_EVICTIONS; i++) {
      if (subscription.evictOldest()) {
        dropLog.onDrop(pool.stopped());
      }
      if (subscription.queue.offer(event)) {
        return;
      }
    }
    drop();
  }

  private long block(Event event, long deadline) {
    // A delivery thread must not wait: the thread that would make room may be itself. After
    // shutdown nobody makes room at all.
    if (blockTimeoutNanos == 0 || pool.stopped() || Thread.currentThread() instanceof DeliveryThread) {
      drop();
      return deadline;
    }
    long last = System.nanoTime();
    if (deadline == 0) {
      long at = last + blockTimeoutNanos;
      deadline = at == 0 ? 1 : at;
    }
    // Time this thread was stopped rather than waiting (a GC pause or safepoint, its core taken by
    // the host) stopped the delivery threads too: counted against the timeout, one pause as long
    // as the timeout dropped an event nobody had had a chance to make room for. Up to
    // block-timeout of it is not counted per full queue, so a publish that waits on one full queue
    // waits at most twice block-timeout in all.
    long forgiven = 0;
    boolean interrupted = false; // an interrupt the pauses cleared, given back when the wait ends
    // A virtual thread parks at once: spinning or yielding would hold a carrier that the delivery
    // thread and the other virtual threads need. And it is woken late when the carriers are busy,
    // which is load, not a stall of the process: nothing is forgiven.
    boolean virtual = isVirtual(Thread.currentThread());
    try {
      for (int step = virtual ? Backoff.YIELDS : 0; ; step++) {
        pool.wakeIfSleeping();
        if (!subscription.claimed()) {
          pool.wakeNapper(); // a full queue nobody is delivering: no need to wait out a nap
        }
        interrupted |= waiting.pause(step);
        long now = System.nanoTime();
        long stalled = now - last - Backoff.pauseNanos(step) - STALL_SLACK_NANOS;
        last = now;
        if (!virtual && stalled > 0 && forgiven < blockTimeoutNanos) {
          long more = Math.min(stalled, blockTimeoutNanos - forgiven);
          forgiven += more;
          deadline += more;
          deadline = deadline == 0 ? 1 : deadline;
        }
        if (subscription.queue.offer(event)) {
          return deadline;
        }
        if (subscription.isClosed()) {
          subscription.countDrop(); // as the close would have discarded it
          return deadline;
        }
        if (now - deadline >= 0) {
          drop();
          return deadline;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** JDK 21+ virtual threads are instances of this class; told by name, as this code is built for 17. */
  static boolean isVirtual(Thread thread) {
    return thread.getClass().getName().equals("java.lang.VirtualThread");
  }

  private void drop() {
    subscription.countDrop();
    dropLog.onDrop(pool.stopped());
  }
}
