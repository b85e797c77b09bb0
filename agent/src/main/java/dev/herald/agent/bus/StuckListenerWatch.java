package dev.herald.agent.bus;

import dev.herald.agent.log.AgentLog;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;

/**
 * The daemon thread {@code herald-delivery-watch}: finds delivery threads held by one listener call
 * for longer than {@code stuckAfterNanos} and has the pool start a spare beside them, so that a
 * plugin whose listeners hang (a synchronous call to a service that is down) delays only its own
 * subscriptions, as the bus promises, even when its listeners hang on every delivery thread.
 *
 * <p>A thread counts as held when it is in a batch of the same subscription as at the last look,
 * the same batch, and the subscription's queue has not moved: one call has not returned. The watch
 * looks twice per {@code stuckAfterNanos} (at most every half second) while a delivery thread is
 * awake, and every few seconds while all sleep, so an idle application is not woken for it.
 *
 * <p>Each subscription's first hanging call is logged (WARN), and its return (INFO); later ones at
 * DEBUG, so that a listener that hangs on every event does not flood the log.
 */
final class StuckListenerWatch extends Thread {

  private static final Logger log = AgentLog.get(StuckListenerWatch.class);
  private static final long IDLE_LOOK_NANOS = 5_000_000_000L;

  private final DeliveryPool pool;
  private final long stuckAfterNanos;
  private final long lookEveryNanos;
  private final Map<DeliveryThread, Look> looks = new IdentityHashMap<>();

  StuckListenerWatch(DeliveryPool pool, long stuckAfterNanos) {
    super(null, null, "herald-delivery-watch", 0, false); // as DeliveryThread: no inherited thread-locals
    this.pool = pool;
    this.stuckAfterNanos = stuckAfterNanos;
    this.lookEveryNanos = Math.max(1_000_000L, Math.min(500_000_000L, stuckAfterNanos / 2));
    setDaemon(true);
    setContextClassLoader(ClassLoader.getSystemClassLoader());
  }

  /** What the watch saw of one thread at its last look. */
  private static final class Look {
    BusSubscription serving;
    long batch;
    long progress;
    long since;
    boolean stuck;
  }

  @Override
  public void run() {
    try {
      while (!pool.stopped()) {
        LockSupport.parkNanos(pool, pool.allAsleep() ? IDLE_LOOK_NANOS : lookEveryNanos);
        if (pool.stopped()) {
          return;
        }
        try {
          look(System.nanoTime());
        } catch (Throwable t) { // a bug of ours: the delivery goes on, only without this rescue
          log.debug("bus: looking for hanging listeners failed", t);
        }
      }
    } finally {
      // the pool keeps this object: a subscription seen last must not keep its plugin's loader
      looks.clear();
    }
  }

  /**
   * Cuts the current wait short: the threads were woken or renewed (the next look forgets the old
   * ones, and the subscriptions they served), or the pool stops.
   */
  void wake() {
    LockSupport.unpark(this);
  }

  private void look(long now) {
    DeliveryThread[] threads = pool.threads();
    looks.keySet().retainAll(Arrays.asList(threads)); // identity: DeliveryThread keeps Object.equals
    for (DeliveryThread thread : threads) {
      Look look = looks.computeIfAbsent(thread, t -> new Look());
      long servingId = thread.servingId();
      // the one seen last if it is the same (it may have closed since), else looked up by its number
      BusSubscription serving = look.serving != null && look.serving.id == servingId ? look.serving
          : pool.subscription(servingId);
      long batch = thread.batches();
      long progress = serving == null ? 0 : serving.progress();
      if (serving != null && serving == look.serving && batch == look.batch && progress == look.progress) {
        if (look.stuck) {
          pool.sawStuck(now);
        } else if (now - look.since >= stuckAfterNanos) {
          pool.sawStuck(now);
          look.stuck = true;
          thread.stuck = true;
          hanging(thread, serving, now - look.since);
        }
        continue;
      }
      if (look.stuck) {
        look.stuck = false;
        thread.stuck = false;
        returned(thread, look.serving, now - look.since);
      }
      look.serving = serving;
      look.batch = batch;
      look.progress = progress;
      look.since = now;
    }
  }

  private void hanging(DeliveryThread thread, BusSubscription subscription, long heldNanos) {
    String spare = pool.addSpareIfNeeded();
    String action = spare != null ? spare + " started, so that the other subscriptions are served meanwhile"
        : pool.sparesAtMost() ? "no thread started: " + DeliveryPool.MAX_SPARES + " spare threads run already,"
            + " the most Herald starts, and subscriptions may wait" : "other delivery threads serve the other subscriptions";
    boolean first = !subscription.hangWarned;
    subscription.hangWarned = true;
    String message = "subscription '{}' (pattern {}): its listener has been in one call for {} ms on {}; {}."
        + " A listener must not block: hand slow work to a thread of the plugin's own";
    Object[] values = {subscription.name(), subscription.pattern(), heldNanos / 1_000_000L, thread.getName(), action};
    if (first) {
      log.warn(message, values);
    } else {
      log.debug(message, values);
    }
  }

  private void returned(DeliveryThread thread, BusSubscription subscription, long heldNanos) {
    String message = "subscription '{}' (pattern {}): its listener returned after {} ms on {}";
    if (subscription != null && subscription.hangWarned && !subscription.returnTold) {
      subscription.returnTold = true; // told once: later hangs and returns at DEBUG
      log.info(message, subscription.name(), subscription.pattern(), heldNanos / 1_000_000L, thread.getName());
    } else {
      log.debug(message, subscription == null ? "?" : subscription.name(),
          subscription == null ? "?" : subscription.pattern(), heldNanos / 1_000_000L, thread.getName());
    }
  }
}
