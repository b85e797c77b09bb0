package dev.herald.agent.bus;

import dev.herald.api.Event;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

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

  /** The longest a blocked publisher stays parked without being woken: a bound, should a wake-up be missed. */
  static final long SIGNALLED_PARK_NANOS = 10_000_000L;

  private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
  private final AtomicInteger waiterCount = new AtomicInteger();
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

  /** {@code count} drops were counted, and reported, elsewhere (see {@link DropLog#reportedElsewhere}). */
  void droppedElsewhere(long count) {
    dropLog.reportedElsewhere(count);
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
        dropLog.onDrop();
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
    Waiter waiter = null;
    try {
      for (int step = virtual ? Backoff.YIELDS : 0; ; step++) {
        pool.wakeIfSleeping();
        if (!subscription.claimed()) {
          pool.wakeNapper(); // a full queue nobody is delivering: no need to wait out a nap
        }
        long planned;
        if (step < Backoff.YIELDS || waiting != BACKOFF) {
          interrupted |= waiting.pause(step);
          planned = Backoff.pauseNanos(step);
        } else {
          // Parked until the delivery thread makes room ({@link #roomMade}), first come first
          // woken, not polling: thousands of blocked threads polling took the CPU from the very
          // listener they waited for. Registered, then tried once more, so no room made meanwhile
          // is missed; the park is bounded all the same.
          if (waiter == null || waiter.get() == null) {
            waiter = new Waiter(Thread.currentThread());
            waiters.add(waiter);
            waiterCount.incrementAndGet();
            if (subscription.queue.offer(event)) {
              return deadline;
            }
          }
          planned = Math.max(1, Math.min(SIGNALLED_PARK_NANOS, deadline - System.nanoTime()));
          interrupted |= Thread.interrupted(); // a set interrupt would end every park at once
          LockSupport.parkNanos(planned);
        }
        long now = System.nanoTime();
        long stalled = now - last - planned - STALL_SLACK_NANOS;
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
      if (waiter != null) {
        leave(waiter);
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A blocked publisher, parked until woken; its thread is taken (set null) by whoever wakes it, or at its leaving. */
  private static final class Waiter extends AtomicReference<Thread> {
    Waiter(Thread thread) {
      super(thread);
    }
  }

  private void leave(Waiter waiter) {
    waiter.set(null);
    waiterCount.decrementAndGet();
    // waiters that left without being woken (timed out, or room found by trying) go from the head,
    // so the queue holds about as many as are waiting, even while nothing is delivered
    Waiter head;
    while ((head = waiters.peek()) != null && head.get() == null) {
      waiters.remove(head); // the head: O(1)
    }
  }

  /**
   * The delivery thread has taken an event from the queue: wakes the longest-waiting blocked
   * publisher, if any. One volatile read when nobody waits.
   */
  void roomMade() {
    if (waiterCount.get() == 0) {
      return;
    }
    Waiter waiter;
    while ((waiter = waiters.poll()) != null) {
      Thread thread = waiter.getAndSet(null);
      if (thread != null) {
        LockSupport.unpark(thread);
        return;
      }
    }
  }

  /** JDK 21+ virtual threads are instances of this class; told by name, as this code is built for 17. */
  static boolean isVirtual(Thread thread) {
    return thread.getClass().getName().equals("java.lang.VirtualThread");
  }

  private void drop() {
    subscription.countDrop();
    dropLog.onDrop();
  }
}
