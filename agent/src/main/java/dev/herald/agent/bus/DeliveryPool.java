package dev.herald.agent.bus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * The delivery threads of one bus and the subscriptions they serve.
 *
 * <p>Threads find work by polling the subscriptions' queues, not by being signalled per event: a
 * publisher only reads {@link #wakeIfSleeping() one volatile flag}, and unparks threads only when
 * they went to deep sleep after a long idle period, or ({@link #wakeNapper()}) when a queue
 * passes half full while its thread naps. Each round a thread claims each subscription
 * with work that no other thread holds and delivers a batch of at most {@link #BATCH}, so a
 * listener that hangs holds one thread and the others serve everyone else. Listeners that hang
 * on every thread would leave the other subscriptions unserved: {@link StuckListenerWatch} then
 * starts spare threads, at most {@link #MAX_SPARES}, which end once they are not needed.
 *
 * <p>Threads start with the first subscription. Safe for concurrent use.
 */
final class DeliveryPool {

  static final int BATCH = 256;
  /** Spare threads at most, however many listeners hang: each hanging listener holds one thread. */
  static final int MAX_SPARES = 8;
  /** How long one listener call may hold a delivery thread before it counts as hanging. */
  static final long STUCK_AFTER_NANOS = 1_000_000_000L;
  /**
   * A spare stays this many stuck periods after the watch last saw a thread held: a listener slow
   * rather than hung (1.5 s per event) would otherwise start and end a spare with every call.
   */
  static final int SPARE_KEPT_AFTER_STUCK = 10;
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
  private final long stuckAfterNanos;
  private volatile BusSubscription[] subscriptions = Route.NONE;
  private volatile DeliveryThread[] threads = new DeliveryThread[0];
  private volatile boolean sleeping;
  private volatile boolean stopped;
  /** The idle thread that naps briefly, looking for work; the other idle threads stand by. */
  private volatile DeliveryThread watcher;
  private volatile StuckListenerWatch stuckWatch; // written under this lock
  /** When the watch last saw a thread held by one listener call. */
  private volatile long lastStuckNanos = System.nanoTime() - Long.MAX_VALUE / 2;

  DeliveryPool(int threadCount, long deepSleepAfterNanos, long firstNapNanos) {
    this(threadCount, deepSleepAfterNanos, firstNapNanos, STUCK_AFTER_NANOS);
  }

  DeliveryPool(int threadCount, long deepSleepAfterNanos, long firstNapNanos, long stuckAfterNanos) {
    this.threadCount = threadCount;
    this.deepSleepAfterNanos = deepSleepAfterNanos;
    this.firstNapNanos = firstNapNanos;
    this.stuckAfterNanos = stuckAfterNanos;
  }

  /**
   * A delivery thread made as if by Herald alone. A thread made on the JDK 17-23 takes the access
   * control context of the code that makes it, for its whole life: made while a web application's
   * code subscribed (the first subscription starts the threads) or on a thread that inherited such a
   * context, it would keep that application's protection domains, and with them its class loader
   * and every class of it, after it was undeployed. Made in a privileged block, it takes Herald's.
   */
  @SuppressWarnings("removal") // AccessController: the context it leaves out exists up to JDK 23
  private DeliveryThread newThread(int index, boolean spare, boolean startAwake) {
    DeliveryPool pool = this;
    return java.security.AccessController.doPrivileged(new java.security.PrivilegedAction<DeliveryThread>() {
      @Override
      public DeliveryThread run() {
        return new DeliveryThread(pool, index, spare, startAwake);
      }
    });
  }

  /** The stuck-listener watch thread, made as {@link #newThread} makes delivery threads. */
  @SuppressWarnings("removal")
  private StuckListenerWatch newWatch() {
    DeliveryPool pool = this;
    return java.security.AccessController.doPrivileged(new java.security.PrivilegedAction<StuckListenerWatch>() {
      @Override
      public StuckListenerWatch run() {
        return new StuckListenerWatch(pool, stuckAfterNanos);
      }
    });
  }

  /** Serves {@code subscription} from now on; starts the threads the first time. */
  synchronized void add(BusSubscription subscription) {
    subscriptions = RouteTable.with(subscriptions, subscription);
    if (threads.length == 0 && !stopped) {
      DeliveryThread[] started = new DeliveryThread[threadCount];
      for (int i = 0; i < threadCount; i++) {
        started[i] = newThread(i, false, false);
      }
      threads = started;
      for (DeliveryThread thread : started) {
        thread.start();
      }
      stuckWatch = newWatch();
      stuckWatch.start();
    }
  }

  /**
   * Starts a spare delivery thread if fewer than {@code bus.threads} are free of hanging listeners
   * and fewer than {@link #MAX_SPARES} spares run; returns its name, or null if none was started.
   */
  synchronized String addSpareIfNeeded() {
    if (stopped) {
      return null;
    }
    if (freeBesides(null) >= threadCount || sparesAtMost()) {
      return null;
    }
    DeliveryThread spare = newThread(freeSpareIndex(), true, true);
    DeliveryThread[] grown = Arrays.copyOf(threads, threads.length + 1);
    grown[threads.length] = spare;
    threads = grown;
    spare.start();
    return spare.getName();
  }

  /**
   * Replaces the delivery threads with new ones, named as they were; each old one ends once the
   * batch in hand is delivered. For a stopped plugin: what its listeners left in the threads'
   * ThreadLocals (a JSON library's buffers, a date format) would keep its class loader, every class
   * of its jar, alive for as long as the threads live, that is for good, at each restart.
   */
  synchronized void renew() {
    if (stopped || threads.length == 0) {
      return;
    }
    DeliveryThread[] old = threads;
    DeliveryThread[] fresh = new DeliveryThread[threadCount];
    for (int i = 0; i < threadCount; i++) {
      fresh[i] = newThread(i, false, true);
    }
    threads = fresh;
    for (DeliveryThread thread : old) {
      thread.endAfterBatch();
    }
    if (watcher != null && !Arrays.asList(fresh).contains(watcher)) {
      watcher = null;
    }
    for (DeliveryThread thread : fresh) {
      thread.start();
    }
    StuckListenerWatch watch = stuckWatch;
    if (watch != null) {
      watch.wake(); // its looks at the old threads hold the stopped plugin's subscriptions
    }
  }

  /** The lowest thread number past {@code bus.threads} that no current thread has: spares reuse names. */
  private int freeSpareIndex() {
    for (int index = threadCount; ; index++) {
      String name = "herald-delivery-" + (index + 1);
      boolean taken = false;
      for (DeliveryThread thread : threads) {
        taken |= thread.getName().equals(name);
      }
      if (!taken) {
        return index;
      }
    }
  }

  /** True if the watch counts some thread as held by one listener call now. */
  boolean anyStuck() {
    for (DeliveryThread thread : threads) {
      if (thread.stuck) {
        return true;
      }
    }
    return false;
  }

  /** True if some thread is inside a batch now. */
  boolean anyServing() {
    for (DeliveryThread thread : threads) {
      if (thread.servingId() != 0) {
        return true;
      }
    }
    return false;
  }

  /** The productive rounds of all threads, summed: it moves while any thread delivers. */
  long productiveRounds() {
    long sum = 0;
    for (DeliveryThread thread : threads) {
      sum += thread.productiveRounds();
    }
    return sum;
  }

  /** The watch saw a thread held by one listener call: spares stay for a while after that. */
  void sawStuck(long now) {
    lastStuckNanos = now;
  }

  /** Unparks every delivery thread, asleep or napping: work was left that no thread may look at soon. */
  void wakeAll() {
    for (DeliveryThread thread : threads) {
      LockSupport.unpark(thread);
    }
  }

  /** True if as many spares run as may: a hanging listener's thread is not replaced then. */
  synchronized boolean sparesAtMost() {
    int spares = 0;
    for (DeliveryThread thread : threads) {
      spares += thread.spare() ? 1 : 0;
    }
    return spares >= MAX_SPARES;
  }

  /** The threads the watch does not count as held by a listener call, {@code except} aside (may be null). */
  private int freeBesides(DeliveryThread except) {
    int free = 0;
    for (DeliveryThread thread : threads) {
      free += thread != except && !thread.stuck ? 1 : 0;
    }
    return free;
  }

  /**
   * Lets the idle spare {@code thread} end if {@code bus.threads} others are free of hanging
   * listeners; true if it is to end (it is then no longer one of the pool's threads).
   */
  synchronized boolean retire(DeliveryThread thread) {
    if (!Arrays.asList(threads).contains(thread)) {
      return true; // renewed away meanwhile: it ends in any case
    }
    if (System.nanoTime() - lastStuckNanos < SPARE_KEPT_AFTER_STUCK * stuckAfterNanos) {
      return false; // a listener that is slow rather than hung would start a spare again in a moment
    }
    if (freeBesides(thread) < threadCount) {
      return false;
    }
    DeliveryThread[] current = threads;
    DeliveryThread[] shrunk = new DeliveryThread[current.length - 1];
    int i = 0;
    for (DeliveryThread other : current) {
      if (other != thread) {
        shrunk[i++] = other;
      }
    }
    threads = shrunk;
    if (watcher == thread) {
      watcher = null;
    }
    return true;
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
      StuckListenerWatch watch = stuckWatch; // written before the threads it watches start
      if (watch != null) {
        watch.wake();
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
  int deliverRound(DeliveryThread self, int offset) {
    BusSubscription[] current = subscriptions;
    int n = current.length;
    int delivered = 0;
    // a renewed thread stops after its batch in hand, not after the round: the rest of the round
    // could be listeners of a plugin started since, whose ThreadLocals would stay on a thread ending
    for (int k = 0; k < n && !stopped && !self.retiring(); k++) {
      BusSubscription subscription = current[Math.floorMod(offset + k, n)];
      if (subscription.hasQueued() && subscription.tryClaim()) {
        self.beginBatch(subscription);
        try {
          delivered += subscription.deliver(BATCH, this, self);
        } finally {
          self.endBatch();
          subscription.release();
        }
      }
    }
    return delivered;
  }

  /** The subscription served with {@link BusSubscription#id} {@code id}, or null if none (closed, or 0). */
  BusSubscription subscription(long id) {
    if (id != 0) {
      for (BusSubscription subscription : subscriptions) {
        if (subscription.id == id) {
          return subscription;
        }
      }
    }
    return null;
  }

  /** True if every delivery thread is parked until a publisher wakes it: nothing can hang then. */
  boolean allAsleep() {
    for (DeliveryThread thread : threads) {
      if (!thread.asleep()) {
        return false;
      }
    }
    return true;
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
    StuckListenerWatch watch;
    synchronized (this) {
      stopped = true;
      current = threads;
      watch = stuckWatch;
    }
    if (watch != null) {
      watch.wake();
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
    long left = deadline - System.nanoTime();
    if (watch != null && left > 0) {
      try {
        watch.join(Math.max(1, left / 1_000_000L)); // woken above: it ends at once
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
