package dev.herald.agent;

import dev.herald.agent.bootstrap.HeraldHooks;
import dev.herald.agent.bus.HeldEvents;
import dev.herald.api.BusStatistics;
import dev.herald.api.Event;
import dev.herald.api.EventBus;
import dev.herald.api.EventListener;
import dev.herald.api.Subscription;
import java.time.Duration;

/**
 * What {@code Herald.bus()} answers while the plugins start: the bus itself, except that {@link
 * #publish} keeps the event, in order with the instrumented calls' ({@link HeldEvents}), until the
 * plugins have subscribed, and {@link #flush} and {@link #statistics} wait, while events are kept,
 * for them to be published. Replaced by the bus once they have; a reference kept meanwhile keeps
 * working, at the cost of one volatile read per publish.
 *
 * <p>Safe for concurrent use.
 */
final class HeldBus implements EventBus {

  private final EventBus bus;
  private final HeldEvents held;
  private final long maxWaitNanos;

  /** @param maxWaitNanos the longest {@link #statistics} waits for the kept events to be published */
  HeldBus(EventBus bus, HeldEvents held, long maxWaitNanos) {
    this.bus = bus;
    this.held = held;
    this.maxWaitNanos = maxWaitNanos;
  }

  @Override
  public Subscription on(String pattern, EventListener listener) {
    return bus.on(pattern, listener);
  }

  @Override
  public void publish(Event event) {
    if (event != null) {
      HeraldHooks.demand(); // as an instrumented call does: the plugins start now
      held.publish(null, event);
    }
  }

  @Override
  public boolean flush(Duration timeout) {
    // the kept events are what code that flushes now waits for: they are published at the release
    long started = System.nanoTime();
    try {
      if (!held.awaitKept(timeout.toNanos())) {
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return bus.flush(timeout.minusNanos(Math.min(timeout.toNanos(), System.nanoTime() - started)));
  }

  @Override
  public BusStatistics statistics() {
    try {
      held.awaitKept(maxWaitNanos); // counted once published: as the events of later calls are
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return bus.statistics();
  }

  @Override
  public String toString() {
    return bus.toString();
  }
}
