package dev.herald.agent.bus;

import dev.herald.agent.bootstrap.HeraldHooks;
import dev.herald.api.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of calls made while the plugins start, kept in order and published once they have
 * subscribed, so that the application's calls need not wait for the plugins' start and no plugin
 * misses one. Up to {@code capacity} events are kept; a publisher that finds the store full waits
 * for the release as a call used to ({@link HeraldHooks#awaitRelease}, bounded), then publishes.
 * The agent's own threads ({@code herald-*}: a listener publishing, a plugin starting) publish
 * straight away, as they never waited.
 *
 * <p>Order: {@link #release} publishes what it kept, in the order it was kept, under the same lock
 * as {@link #publish}, and only then lets events through; so an event published after the release
 * never overtakes one kept before it, for any subscription. An event whose route has no
 * subscription by then is not published (nor counted), as it would not have been had it come later.
 *
 * <p>Safe for concurrent use.
 */
public final class HeldEvents {

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
    if (!released && !HeraldHooks.onAgentThread()) {
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
