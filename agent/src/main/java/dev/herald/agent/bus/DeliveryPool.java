package dev.herald.agent.bus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The delivery threads of one bus and the subscriptions they serve.
 *
 * <p>Threads find work by polling the subscriptions' queues, not by being signalled per event: a
 * publisher only reads {@link #wakeIfSleeping() one volatile flag}, and unparks threads only when
 * they went to deep sleep after a long idle period, or ({@link #wakeNapper()}) when a queue
 * passes half full while its thread naps. Each round a thread claims each subscription
 * with work that no other thread holds and delivers a batch of at most {@link #BATCH}, so a
 * listener that hangs holds one thread and the others serve everyone else.
 *
 * <p>Threads start with the first subscription. Safe for concurrent use.
 */
final class DeliveryPool {

  static final int BATCH = 256;
  private static final VarHandle SLEEPING;
  private static final VarHandle WATCHER;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      SLEEPING = lookup.findVarHandle(DeliveryPool.class, "sleeping", boolean.class);
      WATCHER = lookup.findVarHandle(DeliveryPool.class, "watcher", DeliveryThread.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final int threadCount;
  private final long deepSleepAfterNanos;
  private final long firstNapNanos;
  private volatile BusSubscription[] subscriptions = Route.NONE;
  private volatile DeliveryThread[] threads = new DeliveryThread[0];
  private volatile boolean sleeping;
  private volatile boolean stopped;
  /** The idle thread that naps briefly, looking for work; the other idle threads stand by. */
  private volatile DeliveryThread watcher;

  DeliveryPool(int threadCount, long deepSleepAfterNanos, long firstNapNanos) {
    this.threadCount = threadCount;
    this.deepSleepAfterNanos = deepSleepAfterNanos;
    this.firstNapNanos = firstNapNanos;
  }

  /** Serves {@code subscription} from now on; starts the threads the first time. */
  synchronized void add(BusSubscription subscription) {
    subscriptions = RouteTable.with(subscriptions, subscription);
    if (threads.length == 0 && !stopped) {
      DeliveryThread[] started = new DeliveryThread[threadCount];
      for (int i = 0; i < threadCount; i++) {
        started[i] = new DeliveryThread(this, i);
      }
      threads = started;
      for (DeliveryThread thread : started) {
        thread.start();
      }
    }
  }

  synchronized void remove(BusSubscription subscription) {
    subscriptions = RouteTable.without(subscriptions, subscription);
  }

  /**
   * Called by publishers after queuing: one volatile read unless a thread is in deep sleep; then
   * exactly one publisher wins the flag and unparks the sleepers.
   */
  void wakeIfSleeping() {
    if (sleeping && SLEEPING.compareAndSet(this, true, false)) {
      for (DeliveryThread thread : threads) {
        thread.wake();
      }
    }
  }

  /**
   * Cuts one napping thread's nap short, if any naps: a publisher found a queue half full and
   * nobody delivering it. Rare by construction, so a plain scan of the threads.
   */
  void wakeNapper() {
    for (DeliveryThread thread : threads) {
      if (thread.wakeFromNap()) {
        return;
      }
    }
  }

  /** Cuts every nap short: someone waits for delivery ({@code flush}, shutdown). */
  void wakeNappers() {
    for (DeliveryThread thread : threads) {
      thread.wakeFromNap();
    }
  }

  /**
   * Lets {@code thread} watch for work, napping briefly, unless another idle thread does already:
   * then it stands by ({@link Backoff#STANDBY_NAP_NANOS}). One watcher is enough to find new work
   * soon; every thread that napped briefly woke thousands of times a second, and on a machine with
   * few cores each wake-up may take the core of a thread of the application.
   *
   * @return true if {@code thread} is the watcher
   */
  boolean watch(DeliveryThread thread) {
    DeliveryThread current = watcher;
    return current == thread || (current == null && WATCHER.compareAndSet(this, null, thread));
  }

  /**
   * {@code thread} delivers or sleeps rather than watches: a standing-by thread may take over, so
   * that the other subscriptions are watched while it is inside a listener, however long.
   */
  void stopWatching(DeliveryThread thread) {
    if (watcher == thread) {
      watcher = null;
    }
  }

  /** A thread is about to park without timeout; it re-checks for work after this. */
  void markSleeping() {
    sleeping = true;
  }

  /**
   * One pass over all subscriptions, starting at {@code offset}: delivers a batch from each that
   * has work and is not held by another thread.
   *
   * @return how many events were handed to listeners
   */
  int deliverRound(int offset) {
    BusSubscription[] current = subscriptions;
    int n = current.length;
    int delivered = 0;
    for (int k = 0; k < n && !stopped; k++) {
      BusSubscription subscription = current[Math.floorMod(offset + k, n)];
      if (subscription.hasQueued() && subscription.tryClaim()) {
        try {
          delivered += subscription.deliver(BATCH, this);
        } finally {
          subscription.release();
        }
      }
    }
    return delivered;
  }

  /** True if some subscription has queued events and no thread delivering them. */
  boolean hasUnclaimedWork() {
    for (BusSubscription subscription : subscriptions) {
      if (subscription.hasQueued() && !subscription.claimed()) {
        return true;
      }
    }
    return false;
  }

  boolean stopped() {
    return stopped;
  }

  long deepSleepAfterNanos() {
    return deepSleepAfterNanos;
  }

  long firstNapNanos() {
    return firstNapNanos;
  }

  /** The threads, for tests and the shutdown report; empty before the first subscription. */
  DeliveryThread[] threads() {
    return threads.clone();
  }

  /**
   * Stops delivery: threads finish the event in hand and exit. Waits up to {@code joinNanos} in
   * all for them; a thread stuck in a listener is left behind (it is a daemon).
   */
  void stop(long joinNanos) {
    DeliveryThread[] current;
    synchronized (this) {
      stopped = true;
      current = threads;
    }
    for (DeliveryThread thread : current) {
      LockSupport.unpark(thread);
    }
    long deadline = System.nanoTime() + joinNanos;
    for (DeliveryThread thread : current) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || thread == Thread.currentThread()) {
        continue;
      }
      try {
        thread.join(Math.max(1, left / 1_000_000L));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
