package dev.herald.agent.bus;

import dev.herald.agent.log.AgentLog;
import dev.herald.agent.log.RateLimitedLog;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A daemon thread named {@code herald-delivery-N} that delivers events of a {@link DeliveryPool}.
 *
 * <p>Idle strategy: after a round without work it naps ({@link Backoff#napNanos}: a timed park
 * of about 100 µs for the default queue, doubling up to 1 ms while nothing comes, up to 10 ms once
 * no thread of the pool has delivered anything for 20 ms); after {@link
 * DeliveryPool#deepSleepAfterNanos()} without work it parks without timeout until a publisher
 * {@link #wake() wakes} it; it starts in that sleep. It neither spins nor yields: a thread that
 * polls an empty queue reads the publisher's index after every event it writes, and each such read
 * costs the publisher a cache miss; napping lets events gather and be drained in batches. A
 * publisher whose queue passes half full while no thread delivers it cuts a nap short ({@link
 * #wakeFromNap()}), so a burst does not fill the queue during a long nap. Only one idle thread
 * naps like that, the pool's watcher ({@link DeliveryPool#watch}); the other idle threads stand by,
 * napping {@link Backoff#STANDBY_NAP_NANOS}, and take over what the busy ones leave waiting. Its type
 * tells the bus that a publish or flush comes from a listener, which must never wait on itself.
 */
final class DeliveryThread extends Thread {

  private static final RateLimitedLog errors =
      new RateLimitedLog(AgentLog.get(DeliveryThread.class), 60_000L);
  private static final VarHandle SERVING;
  private static final VarHandle BATCHES;
  private static final VarHandle ROUNDS;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      SERVING = lookup.findVarHandle(DeliveryThread.class, "servingId", long.class);
      BATCHES = lookup.findVarHandle(DeliveryThread.class, "batches", long.class);
      ROUNDS = lookup.findVarHandle(DeliveryThread.class, "productiveRounds", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final DeliveryPool pool;
  private final int index;
  /** Started by {@link StuckListenerWatch} beside threads held by a listener; ends once not needed. */
  private final boolean spare;
  /** Started beside work in progress (a spare, a renewed thread): no first deep sleep. */
  private final boolean startAwake;
  // The batch in progress, for StuckListenerWatch: release stores, so that marking each batch costs
  // the delivery no fence (a volatile store would, per batch, which is per event when the bus is
  // quiet), and a number, not the subscription: a reference stored into this long-lived object
  // pays G1's post-write barrier, a full fence, at every batch.
  @SuppressWarnings("unused") // through SERVING
  private volatile long servingId;
  @SuppressWarnings("unused") // through BATCHES
  private volatile long batches;
  /**
   * Rounds in which this thread delivered something, written by it alone with plain stores (no
   * clock read, no fence per round: a round may hand over only a few events): an idle watcher
   * tells a busy bus from a quiet one by whether these move.
   */
  private long productiveRounds;
  /**
   * How many listener publishes led to the event being delivered ({@link Relayed}); 0
   * between batches and for events from code. By this thread only.
   */
  int relayHops;
  /** Set by {@link StuckListenerWatch}: this thread has been in one listener call too long. */
  volatile boolean stuck;
  /** Set when the pool {@linkplain DeliveryPool#renew renews} its threads: end after the batch in hand. */
  private volatile boolean retiring;
  private volatile boolean asleep;
  private volatile boolean napping;
  /** Naps taken, for tests: written by this thread only. */
  private volatile long napCount;
  /** Naps longer than a busy bus allows ({@link Backoff#MAX_BUSY_NAP_NANOS}), for tests. */
  private volatile long longNapCount;

  DeliveryThread(DeliveryPool pool, int index, boolean spare, boolean startAwake) {
    // Not the inheritable thread-locals of whichever thread made it (a web application's request
    // thread subscribing first): they would stay for the thread's whole life, their values keeping
    // that application's loader, and be read by every other plugin's listener.
    super(null, null, "herald-delivery-" + (index + 1), 0, false);
    this.pool = pool;
    this.index = index;
    this.spare = spare;
    this.startAwake = startAwake;
    setDaemon(true);
    // Not the loader of whichever thread subscribed first (often a plugin's start thread): that
    // would keep a stopped plugin's loader alive and hand it to every other listener.
    setContextClassLoader(ClassLoader.getSystemClassLoader());
  }

  @Override
  public void run() {
    try {
      deliver();
    } finally {
      pool.stopWatching(this); // ended (renewed, or a spare not needed): another thread watches
      // what this thread's last batch left, or a subscription it held while others went to sleep,
      // must not wait for the next publish
      if (!pool.stopped() && pool.hasUnclaimedWork()) {
        pool.wakeAll();
      }
    }
  }

  private void deliver() {
    // Asleep until the first event: threads start with the first subscription, usually while the
    // application starts, and napping through its first second woke each of them up to a thousand
    // times for nothing. A spare or a renewed thread starts beside work that may be waiting.
    if (!startAwake) {
      deepSleep();
    }
    int round = index;
    int naps = 0;
    long idleSince = 0;
    long seenRounds = 0; // the pool's productive rounds at the last look, and when they last moved
    long othersActiveAt = System.nanoTime();
    while (!pool.stopped() && !retiring) {
      // not watching while delivering: a listener may take long, and another thread then watches
      pool.stopWatching(this);
      int delivered;
      try {
        delivered = pool.deliverRound(this, round++);
      } catch (Throwable t) { // a bug of ours: keep delivering to the other subscriptions
        errors.record("bus: delivery round failed", t);
        delivered = 0;
      }
      if (delivered > 0) {
        naps = 0;
        ROUNDS.setOpaque(this, ++productiveRounds); // a plain store: read by idle threads only
        continue;
      }
      long now = System.nanoTime();
      if (naps == 0) {
        idleSince = now;
        Thread.interrupted(); // an interrupt from outside would turn parking into spinning
      } else if (now - idleSince >= pool.deepSleepAfterNanos()) {
        if (!spare) {
          deepSleep();
          naps = 0;
          continue;
        }
        if (pool.retire(this)) {
          return;
        }
        if (pool.anyStuck()) {
          // needed while a listener hangs, however long: asleep until a publisher wakes it
          deepSleep();
          naps = 0;
          continue;
        }
        // a listener hung lately: it stands by, and asks again
      }
      long others = pool.productiveRounds();
      // a round may take long (a slow listener's backlog): a thread inside one is activity too
      if (others != seenRounds || pool.anyServing()) {
        seenRounds = others;
        othersActiveAt = now;
      }
      if (pool.watch(this)) {
        boolean quiet = now - Math.max(idleSince, othersActiveAt) >= Backoff.QUIET_BEFORE_LONG_NAPS_NANOS;
        nap(Backoff.napNanos(pool.firstNapNanos(), naps, quiet));
      } else {
        nap(Backoff.STANDBY_NAP_NANOS);
      }
      naps = Math.min(naps + 1, Backoff.MAX_NAP_STEP);
    }
  }

  private void nap(long nanos) {
    napCount++;
    if (nanos > Backoff.MAX_BUSY_NAP_NANOS) {
      longNapCount++;
    }
    napping = true;
    LockSupport.parkNanos(pool, nanos);
    napping = false;
  }

  private void deepSleep() {
    asleep = true;
    pool.markSleeping();
    // re-check after raising the flag: a publisher that queued before it saw no flag to clear
    if (!pool.hasUnclaimedWork() && !pool.stopped() && !retiring) {
      Thread.interrupted();
      LockSupport.park(pool);
    }
    asleep = false;
  }

  /** Ends this thread once the batch in hand (if any) is delivered; wakes it if it sleeps. */
  void endAfterBatch() {
    retiring = true;
    LockSupport.unpark(this);
  }

  /** Marks the start of a batch of {@code subscription}'s events; by this thread only. */
  void beginBatch(BusSubscription subscription) {
    SERVING.setRelease(this, subscription.id);
    BATCHES.setRelease(this, (long) BATCHES.getOpaque(this) + 1);
  }

  void endBatch() {
    SERVING.setRelease(this, 0L);
  }

  /** The {@link BusSubscription#id} whose batch is in progress, or 0. */
  long servingId() {
    return (long) SERVING.getAcquire(this);
  }

  /** How many batches this thread has begun: a change tells a new batch of the same subscription. */
  long batches() {
    return (long) BATCHES.getAcquire(this);
  }

  /** {@link #productiveRounds}, read from another thread. */
  long productiveRounds() {
    return (long) ROUNDS.getOpaque(this);
  }

  /** True once the pool renewed its threads: this one ends after its batch in hand. */
  boolean retiring() {
    return retiring;
  }

  boolean spare() {
    return spare;
  }

  /** Unparks this thread if it is in deep sleep. */
  void wake() {
    if (asleep) {
      LockSupport.unpark(this);
    }
  }

  /** Unparks this thread if it is napping; true if it was. */
  boolean wakeFromNap() {
    if (napping) {
      napping = false;
      LockSupport.unpark(this);
      return true;
    }
    return false;
  }

  /** How many times this thread has napped longer than a busy bus allows; for tests. */
  long longNaps() {
    return longNapCount;
  }

  /** How many times this thread has napped; for tests. */
  long naps() {
    return napCount;
  }

  /** True while parked without timeout (or about to be). */
  boolean asleep() {
    return asleep;
  }
}
