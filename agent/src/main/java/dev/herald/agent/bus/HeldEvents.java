package dev.herald.agent.bus;

import dev.herald.agent.bootstrap.HeraldHooks;
import dev.herald.agent.log.AgentLog;
import dev.herald.api.Event;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * The events of calls made while the plugins start, kept in order and published once they have
 * subscribed, so that the application's calls need not wait for the plugins' start and no plugin
 * misses one. Up to {@code capacity} events are kept; a publisher that finds the store full waits
 * for the release as a call used to ({@link HeraldHooks#awaitRelease}, bounded). If the release has
 * not come by then (the plugins' start outlasted the hold's limit), or the publisher is one of the
 * agent's threads, which never wait, it releases what is kept itself, in order, and then publishes:
 * plugins still starting miss those events (one WARN says how many), but none overtakes an event
 * kept before it. Events that code publishes on the agent's own threads ({@code herald-*}: a
 * listener, a plugin starting) go straight to the bus, as they never waited; the events of a call
 * made while held are kept on any thread ({@link #publishOfHeldCall}), since its before event was.
 *
 * <p>Order: {@link #release} publishes what it kept, in the order it was kept, under the same lock
 * as {@link #publish}, and only then lets events through; so an event published after the release
 * never overtakes one kept before it, for any subscription. An event whose route has no
 * subscription by then is not published (nor counted), as it would not have been had it come later.
 *
 * <p>Safe for concurrent use.
 */
public final class HeldEvents {

  private static final Logger log = AgentLog.get(HeldEvents.class);

  private final DefaultEventBus bus;
  private final int capacity;
  private final List<Object> kept = new ArrayList<>(); // route (or null: by name), event, route, ...
  private volatile boolean released;

  /** Keeps at most {@code capacity} events for {@code bus}. */
  public HeldEvents(DefaultEventBus bus, int capacity) {
    this.bus = bus;
    this.capacity = capacity;
  }

  /**
   * Publishes {@code event} on {@code route} (null: the route of its name), or keeps it until
   * {@link #release} if that has not come yet. Never throws; waits only when the store is full.
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
        if (!released && kept.size() < 2 * capacity) {
          kept.add(route);
          kept.add(event);
          return;
        }
      }
      if (!released) {
        HeraldHooks.awaitRelease(); // full: as a call did before events were kept (bounded)
      }
      if (!released) {
        releaseEarly(); // see the class comment: this event must not overtake the kept ones
      }
    }
    send(route, event);
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
          + " subscribed (the store of {} was full and the wait for the plugins' start ran out, or an agent"
          + " thread could not wait); a plugin not subscribed yet misses them, and any published until it"
          + " subscribes", count, capacity);
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
      for (int i = 0; i < kept.size(); i += 2) {
        send((Route) kept.get(i), (Event) kept.get(i + 1));
      }
    } finally {
      kept.clear();
      released = true;
      notifyAll();
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
