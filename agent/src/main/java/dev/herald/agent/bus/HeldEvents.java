package dev.herald.agent.bus;

import dev.herald.agent.bootstrap.HeraldHooks;
import dev.herald.agent.log.AgentLog;
import dev.herald.api.Event;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * <p>If the release has not come {@code holdNanos} after the store was made (every plugin's start
 * outlasted its limit), a publisher that finds the store full releases what is kept itself, in
 * order, and then publishes: plugins still starting miss those events (one WARN says how many),
 * but none overtakes an event kept before it. Events that code publishes on the agent's own threads
 * ({@code herald-*}: a listener, a plugin starting) go straight to the bus, as they never waited;
 * the events of a call made while held are kept on any thread ({@link #publishOfHeldCall}), since
 * its before event was.
 *
 * <p>Order: {@link #release} publishes what it kept, in the order it was kept, under the same lock
 * as {@link #publish}, and only then lets events through; so an event published after the release
 * never overtakes one kept before it, for any subscription. An event whose route has no
 * subscription by then is not published (nor counted, nor counted dropped), as it would not have
 * been had it come later.
 *
 * <p>Safe for concurrent use.
 */
public final class HeldEvents {

  private static final Logger log = AgentLog.get(HeldEvents.class);
  // events from code are routed by name at the release; past this many names, by their first
  private static final int MAX_DROPPED_NAMES = 1024;

  private final DefaultEventBus bus;
  private final int capacity;
  private final OverflowPolicy overflow;
  private final long blockTimeoutNanos;
  private final long holdNanos;
  private final long holdEnds;
  private final ArrayDeque<Object> kept = new ArrayDeque<>(); // route (or name: from code), event, ...
  // what was dropped, by route (or event name: from code), counted at the release
  private final Map<Object, long[]> dropped = new HashMap<>();
  private volatile boolean released;

  /**
   * Keeps at most {@code capacity} events for {@code bus}, whose overflow options apply once the
   * store is full, for at most {@code holdNanos} from now.
   */
  public HeldEvents(DefaultEventBus bus, int capacity, long holdNanos) {
    this.bus = bus;
    this.capacity = capacity;
    this.overflow = bus.options().overflow();
    this.blockTimeoutNanos = bus.options().blockTimeout().toNanos();
    this.holdNanos = holdNanos;
    this.holdEnds = System.nanoTime() + holdNanos;
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
      synchronized (this) {
        if (!released) {
          boolean holding = System.nanoTime() - holdEnds < 0;
          if (kept.size() >= 2 * capacity && holding) {
            makeRoom();
          }
          if (!released) {
            if (kept.size() < 2 * capacity) {
              kept.add(route == null ? event.name() : route);
              kept.add(event);
              return;
            }
            if (holding) {
              countDropped(route == null ? event.name() : route);
              return;
            }
          }
        }
      }
      if (!released) {
        releaseEarly(); // see the class comment: this event must not overtake the kept ones
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
   * Waits under this lock (given up while waiting) for the release, at most {@code block-timeout}
   * and not past the hold's end; never on the agent's own threads. An interrupt does not cut the
   * wait short (a cancelled task calling a service would drop the event) and is kept for the
   * caller's code.
   */
  private void awaitRelease() {
    if (HeraldHooks.onAgentThread()) {
      return;
    }
    HeraldHooks.demand(); // the plugins start now, if they have not yet
    long deadline = System.nanoTime() + Math.min(blockTimeoutNanos, Math.max(0, holdEnds - System.nanoTime()));
    boolean interrupted = false;
    long left;
    while (!released && (left = deadline - System.nanoTime()) > 0) {
      try {
        wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void countDropped(Object routeOrName) {
    Object key = routeOrName instanceof String && dropped.size() >= MAX_DROPPED_NAMES
        && !dropped.containsKey(routeOrName) ? dropped.keySet().iterator().next() : routeOrName;
    long[] count = dropped.get(key);
    if (count == null) {
      dropped.put(key, count = new long[1]);
    }
    count[0]++;
  }

  /**
   * Waits up to {@code timeoutNanos} for {@link #release} if events are kept: what {@code flush} and
   * {@code statistics} of the bus that code holds while the plugins start must wait for, to see
   * those events. Returns false if events are still kept after the timeout.
   */
  public synchronized boolean awaitKept(long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    while (!released && !kept.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  private synchronized void releaseEarly() {
    if (released) {
      return;
    }
    // Plugins still starting miss these: say so once, since nothing counts them as dropped.
    try {
      // the kept ones, and the one that found the store full; those published later go out too
      int count = kept.size() / 2 + 1;
      log.warn("{} events made while the plugins started were published before the plugins had all"
          + " subscribed (the {} kept for them filled up, and the plugins' start outlasted its limit of {} s);"
          + " a plugin not subscribed yet misses them, and any published until it subscribes", count, capacity,
          TimeUnit.NANOSECONDS.toSeconds(holdNanos));
    } catch (Throwable ignored) {
      // the log must not keep the events back
    }
    release();
  }

  /** Publishes the kept events, in order, and from now on lets events through. Once; never throws. */
  public synchronized void release() {
    if (released) {
      return;
    }
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
      notifyAll();
    }
  }

  private void reportDropped() {
    long counted = 0;
    for (Map.Entry<Object, long[]> entry : dropped.entrySet()) {
      Object key = entry.getKey();
      counted += bus.countDropped(key instanceof Route ? (Route) key : bus.route((String) key), entry.getValue()[0]);
    }
    if (counted > 0) {
      log.warn("{} event{} made while the plugins started {} dropped: the {} kept for them (bus.queue-capacity)"
              + " filled up, and bus.overflow is {}{}; counted in the statistics of the subscriptions that missed them",
          counted, counted == 1 ? "" : "s", counted == 1 ? "was" : "were", capacity, overflow.configName(),
          overflow == OverflowPolicy.BLOCK
              ? " (the plugins took longer than block-timeout, " + bus.options().blockTimeout().toMillis()
                  + " ms, to subscribe)" : "");
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
