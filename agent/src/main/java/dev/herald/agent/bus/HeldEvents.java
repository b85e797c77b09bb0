package dev.herald.agent.bus;

import dev.herald.agent.bootstrap.HeraldHooks;
import dev.herald.agent.log.AgentLog;
import dev.herald.api.Event;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;

/**
 * The events of calls made while the plugins start, kept in order and published once they have
 * subscribed, so that the application's calls need not wait for the plugins' start and no plugin
 * misses one. Up to {@code capacity} events are kept ({@code bus.queue-capacity}); the store is
 * then one more queue in front of the subscriptions, and a publisher that finds it full does what
 * {@code bus.overflow} says a full queue does, within the same bounds: under {@code block} it waits
 * for the release at most {@code block-timeout}, then the event is dropped; under {@code
 * drop-newest} the event is dropped at once; under {@code drop-oldest} the oldest kept event is. A
 * publisher on one of the agent's threads never waits. Dropped events are counted, for the
 * subscriptions that would have received them, once those have subscribed ({@link #release}),
 * and one WARN says how many.
 *
 * <p>A publisher never waits for more than that: the release comes once every plugin's start has
 * ended or been given up on ({@code plugins.start-timeout} each). Events that code publishes on the
 * agent's own threads ({@code herald-*}: a listener, a plugin starting) go straight to the bus, as
 * they never waited; the events of a call made while held are kept on any thread ({@link
 * #publishOfHeldCall}), since its before event was, and are dropped, not waited for, if the store
 * is full then.
 *
 * <p>Order: {@link #release} publishes what it kept, in the order it was kept, under the same lock
 * as {@link #publish}, and only then lets events through; so an event published after the release
 * never overtakes one kept before it, for any subscription. An event of an instrumented call whose
 * route has no subscription by then is not published (nor counted, nor counted dropped), as it
 * would not have been had it come later; an event from code is counted published either way, as
 * {@code Herald.bus().publish} counts it.
 *
 * <p>Safe for concurrent use. The lock is a {@link ReentrantLock}, not a monitor: a virtual thread
 * that waits on a monitor, or for one, holds on to its carrier thread on Java 21 to 23, and a few
 * publishers waiting for the release would then stop every other virtual thread of the application.
 */
public final class HeldEvents {

  private static final Logger log = AgentLog.get(HeldEvents.class);
  // events from code are tallied by name; past this many names, in one count of their own
  private static final int MAX_DROPPED_NAMES = 1024;

  private final DefaultEventBus bus;
  private final int capacity;
  private final OverflowPolicy overflow;
  private final long blockTimeoutNanos;
  private final ArrayDeque<Object> kept = new ArrayDeque<>(); // route (or name: from code), event, ...
  // what was dropped, by route (or event name: from code), counted at the release
  private final Map<Object, long[]> dropped = new HashMap<>();
  private int droppedNames;
  private long droppedUnnamed; // events from code past MAX_DROPPED_NAMES names
  private volatile boolean released;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition releaseCame = lock.newCondition();

  /** Keeps at most {@code capacity} events for {@code bus}, whose overflow options apply once the store is full. */
  public HeldEvents(DefaultEventBus bus, int capacity) {
    this.bus = bus;
    this.capacity = capacity;
    this.overflow = bus.options().overflow();
    this.blockTimeoutNanos = bus.options().blockTimeout().toNanos();
  }

  /**
   * Publishes {@code event} on {@code route} (null: the route of its name), or keeps it until
   * {@link #release} if that has not come yet. Never throws; waits only when the store is full,
   * under {@code overflow: block}, at most {@code block-timeout}.
   */
  public void publish(Route route, Event event) {
    publish(route, event, HeraldHooks.onAgentThread());
  }

  /**
   * As {@link #publish}, for an event of a call made while held, on whatever thread it ends (an
   * asynchronous result may complete on a listener's): kept, as its before event was, so that it
   * never overtakes it.
   */
  public void publishOfHeldCall(Route route, Event event) {
    publish(route, event, false);
  }

  private void publish(Route route, Event event, boolean straight) {
    if (!released && !straight) {
      lock.lock();
      try {
        if (!released) {
          if (kept.size() >= 2 * capacity) {
            makeRoom();
          }
          if (!released) {
            if (kept.size() < 2 * capacity) {
              kept.add(route == null ? event.name() : route);
              kept.add(event);
            } else {
              countDropped(route == null ? event.name() : route);
            }
            return;
          }
        }
      } finally {
        lock.unlock();
      }
    }
    send(route, event);
  }

  /**
   * The store is full: makes room as {@code bus.overflow} says, under this lock. Under drop-oldest
   * the oldest kept event goes; under block the caller waits, and the release may come meanwhile.
   */
  private void makeRoom() {
    if (overflow == OverflowPolicy.DROP_OLDEST) {
      countDropped(kept.poll());
      kept.poll();
    } else if (overflow == OverflowPolicy.BLOCK) {
      awaitRelease();
    }
  }

  /**
   * Waits under this lock (given up while waiting) for the release, at most {@code block-timeout};
   * never on the agent's own threads. An interrupt does not cut the
   * wait short (a cancelled task calling a service would drop the event) and is kept for the
   * caller's code.
   */
  private void awaitRelease() {
    if (HeraldHooks.onAgentThread()) {
      return;
    }
    HeraldHooks.demand(); // the plugins start now, if they have not yet
    long deadline = System.nanoTime() + blockTimeoutNanos;
    boolean interrupted = false;
    long left;
    while (!released && (left = deadline - System.nanoTime()) > 0) {
      try {
        releaseCame.awaitNanos(left);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void countDropped(Object routeOrName) {
    long[] count = dropped.get(routeOrName);
    if (count == null) {
      if (routeOrName instanceof String && droppedNames >= MAX_DROPPED_NAMES) {
        droppedUnnamed++;
        return;
      }
      droppedNames += routeOrName instanceof String ? 1 : 0;
      dropped.put(routeOrName, count = new long[1]);
    }
    count[0]++;
  }

  /**
   * Waits up to {@code timeoutNanos} for {@link #release} if events are kept: what {@code flush} and
   * {@code statistics} of the bus that code holds while the plugins start must wait for, to see
   * those events. Returns false if events are still kept after the timeout.
   */
  public boolean awaitKept(long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    lock.lockInterruptibly();
    try {
      while (!released && !kept.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        releaseCame.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Publishes the kept events, in order, and from now on lets events through. Once; never throws. */
  public void release() {
    lock.lock();
    try {
      if (!released) {
        releaseLocked();
      }
    } finally {
      lock.unlock();
    }
  }

  private void releaseLocked() {
    try {
      while (!kept.isEmpty()) {
        Object key = kept.poll();
        send(key instanceof Route ? (Route) key : null, (Event) kept.poll());
      }
      reportDropped();
    } finally {
      kept.clear();
      dropped.clear();
      released = true;
      releaseCame.signalAll();
    }
  }

  // never throws: the release must go on to let events through
  private void reportDropped() {
    try {
      long counted = 0;
      for (Map.Entry<Object, long[]> entry : dropped.entrySet()) {
        long count = entry.getValue()[0];
        if (entry.getKey() instanceof Route route) {
          counted += bus.countDropped(route, count);
        } else {
          // from code: published, as Herald.bus().publish counts it, whoever listens
          long missed = bus.countDropped(bus.routeForPublish((String) entry.getKey()), count);
          if (missed == 0) {
            bus.countPublished(count);
          }
          counted += missed;
        }
      }
      if (droppedUnnamed > 0) {
        bus.countDroppedUnattributed(droppedUnnamed);
        counted += droppedUnnamed;
      }
      if (counted > 0) {
        log.warn("{} event{} made while the plugins started {} dropped: the {} kept for them (bus.queue-capacity)"
                + " filled up, and bus.overflow is {}{}; counted in the statistics of the subscriptions that missed"
                + " them{}", counted, counted == 1 ? "" : "s", counted == 1 ? "was" : "were", capacity,
            overflow.configName(), overflow == OverflowPolicy.BLOCK
                ? " (the plugins took longer than block-timeout, " + bus.options().blockTimeout().toMillis()
                    + " ms, to subscribe)" : "",
            droppedUnnamed == 0 ? "" : " (" + droppedUnnamed + " published from code under more than "
                + MAX_DROPPED_NAMES + " different names: in the bus's total only)");
      }
    } catch (Throwable t) {
      log.debug("could not count the events dropped while the plugins started", t);
    }
  }

  private void send(Route route, Event event) {
    if (route == null) {
      bus.publish(event);
    } else if (!route.isEmpty()) {
      bus.publish(route, event);
    }
  }
}
