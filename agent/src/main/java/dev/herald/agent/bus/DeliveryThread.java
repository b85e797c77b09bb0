package dev.herald.agent.bus;

import dev.herald.agent.log.AgentLog;
import dev.herald.agent.log.RateLimitedLog;
import java.util.concurrent.locks.LockSupport;

/**
 * A daemon thread named {@code herald-delivery-N} that delivers events of a {@link DeliveryPool}.
 *
 * <p>Idle strategy: after a round without work it spins, then yields, then parks for growing
 * periods up to 1 ms ({@link Backoff}); after {@link DeliveryPool#deepSleepAfterNanos()} without
 * work it parks without timeout until a publisher {@link #wake() wakes} it. Its type tells the bus
 * that a publish or flush comes from a listener, which must never wait on itself.
 */
final class DeliveryThread extends Thread {

  private static final RateLimitedLog errors =
      new RateLimitedLog(AgentLog.get(DeliveryThread.class), 60_000L);
  // caps the backoff step: its park time stops growing well before
  private static final int MAX_STEP = Backoff.YIELDS + 64;

  private final DeliveryPool pool;
  private final int index;
  private volatile boolean asleep;

  DeliveryThread(DeliveryPool pool, int index) {
    super("herald-delivery-" + (index + 1));
    this.pool = pool;
    this.index = index;
    setDaemon(true);
    // Not the loader of whichever thread subscribed first (often a plugin's start thread): that
    // would keep a stopped plugin's loader alive and hand it to every other listener.
    setContextClassLoader(ClassLoader.getSystemClassLoader());
  }

  @Override
  public void run() {
    int round = index;
    int step = 0;
    long idleSince = 0;
    while (!pool.stopped()) {
      int delivered;
      try {
        delivered = pool.deliverRound(round++);
      } catch (Throwable t) { // a bug of ours: keep delivering to the other subscriptions
        errors.record("bus: delivery round failed", t);
        delivered = 0;
      }
      if (delivered > 0) {
        step = 0;
        continue;
      }
      if (step == 0) {
        idleSince = System.nanoTime();
        Thread.interrupted(); // a listener's leftover interrupt would turn parking into spinning
      }
      if (step >= Backoff.YIELDS && System.nanoTime() - idleSince >= pool.deepSleepAfterNanos()) {
        deepSleep();
        step = 0;
        continue;
      }
      if (step < Backoff.YIELDS && pool.othersHaveAllTheWork()) {
        step = Backoff.YIELDS; // park at once: on two cores a spinning spare thread starves the rest
      }
      Backoff.pause(step);
      step = Math.min(step + 1, MAX_STEP);
    }
  }

  private void deepSleep() {
    asleep = true;
    pool.markSleeping();
    // re-check after raising the flag: a publisher that queued before it saw no flag to clear
    if (!pool.hasUnclaimedWork() && !pool.stopped()) {
      Thread.interrupted();
      LockSupport.park(pool);
    }
    asleep = false;
  }

  /** Unparks this thread if it is in deep sleep. */
  void wake() {
    if (asleep) {
      LockSupport.unpark(this);
    }
  }

  /** True while parked without timeout (or about to be). */
  boolean asleep() {
    return asleep;
  }
}
