package dev.herald.agent.bus;

import dev.herald.api.Event;
import dev.herald.api.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An event a listener published, as it waits in a queue: the event and how many listener publishes
 * led to it (the same listener may come back in the chain: a circle of two counts each turn). A listener that publishes in answer to an event adds one to the count of the
 * event it was handed, so that subscriptions feeding each other in a circle stop after {@link
 * #MAX_HOPS} instead of keeping delivery threads busy for the rest of the application's life.
 * Delivery unwraps it: listeners only ever see {@link #event}. Events of the application and of
 * instrumented calls are queued as they are (no count, no allocation).
 *
 * <p>Immutable. Its {@link Event} methods answer for the wrapped event, for whatever reads a
 * queued event without delivering it.
 */
final class Relayed implements Event {

  /**
   * The longest chain of listeners an event may have passed through; the next publish in the
   * chain is dropped and counted. Answering an event with another is common, a chain of nine
   * is not: it is a circle.
   */
  static final int MAX_HOPS = 8;

  final Event event;
  /** Listener publishes that led to this event, this one included: 1 for an event a listener published in answer to one from code. */
  final int hops;

  Relayed(Event event, int hops) {
    this.event = event;
    this.hops = hops;
  }

  @Override
  public String name() {
    return event.name();
  }

  @Override
  public String entity() {
    return event.entity();
  }

  @Override
  public Phase phase() {
    return event.phase();
  }

  @Override
  public String operation() {
    return event.operation();
  }

  @Override
  public List<Object> args() {
    return event.args();
  }

  @Override
  public Object result() {
    return event.result();
  }

  @Override
  public Throwable error() {
    return event.error();
  }

  @Override
  public String actor() {
    return event.actor();
  }

  @Override
  public String userId() {
    return event.userId();
  }

  @Override
  public String traceId() {
    return event.traceId();
  }

  @Override
  public Instant timestamp() {
    return event.timestamp();
  }

  @Override
  public long invocationId() {
    return event.invocationId();
  }

  @Override
  public Duration duration() {
    return event.duration();
  }

  @Override
  public String className() {
    return event.className();
  }

  @Override
  public String methodName() {
    return event.methodName();
  }

  @Override
  public String toString() {
    return event.toString();
  }
}
