package dev.herald.agent;

import dev.herald.agent.bootstrap.HeraldHooks;
import dev.herald.api.BusStatistics;
import dev.herald.api.Event;
import dev.herald.api.EventBus;
import dev.herald.api.EventListener;
import dev.herald.api.Subscription;
import java.time.Duration;

/**
 * What {@code Herald.bus()} answers while the plugins start: the bus itself, except that {@link
 * #publish} waits, as instrumented calls do, until the plugins have started ({@link
 * HeraldHooks#awaitRelease}). Replaced by the bus once they have; a reference kept meanwhile
 * keeps working, at the cost of one volatile read per publish.
 *
 * <p>Safe for concurrent use.
 */
final class HeldBus implements EventBus {

  private final EventBus bus;

  HeldBus(EventBus bus) {
    this.bus = bus;
  }

  @Override
  public Subscription on(String pattern, EventListener listener) {
    return bus.on(pattern, listener);
  }

  @Override
  public void publish(Event event) {
    HeraldHooks.awaitRelease();
    bus.publish(event);
  }

  @Override
  public boolean flush(Duration timeout) {
    return bus.flush(timeout);
  }

  @Override
  public BusStatistics statistics() {
    return bus.statistics();
  }

  @Override
  public String toString() {
    return bus.toString();
  }
}
