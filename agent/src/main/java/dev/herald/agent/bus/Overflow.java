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

  private final BusSubscription subscription;
  private final OverflowPolicy policy;
  private final long blockTimeoutNanos;
  private final DeliveryPool pool;
  private final DropLog dropLog;

  Overflow(BusSubscription subscription, BusOptions options, DeliveryPool pool, DropLog dropLog) {
    this.subscription = subscription;
    this.policy = options.overflow();
    this.blockTimeoutNanos = options.blockTimeout().toNanos();
    this.pool = pool;
    this.dropLog = dropLog;
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
      if (subscription.queue.poll() != null) {
        drop();
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
    if (deadline == 0) {
      long at = System.nanoTime() + blockTimeoutNanos;
      deadline = at == 0 ? 1 : at;
    }
    for (int step = 0; ; step++) {
      pool.wakeIfSleeping();
      if (!subscription.claimed()) {
        pool.wakeNapper(); // a full queue nobody is delivering: no need to wait out a nap
      }
      Backoff.pause(step);
      if (subscription.queue.offer(event)) {
        return deadline;
      }
      if (subscription.isClosed()) {
        subscription.countDrop(); // as the close would have discarded it
        return deadline;
      }
      if (System.nanoTime() - deadline >= 0) {
        drop();
        return deadline;
      }
    }
  }

  private void drop() {
    subscription.countDrop();
    dropLog.onDrop();
  }
}
