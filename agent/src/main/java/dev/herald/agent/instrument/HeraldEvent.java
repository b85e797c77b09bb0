package dev.herald.agent.instrument;

import dev.herald.api.Phase;
import java.time.Duration;
import java.time.Instant;

/**
 * The after or failed event of an instrumented call (its before event is the {@link Invocation}).
 * Immutable; the {@link Instant} and {@link Duration} are made only when a listener asks, so
 * publishing costs one small object (32 bytes), the arguments, context and start being the
 * invocation's.
 */
final class HeraldEvent extends CallEvent {

  private final Invocation call;
  private final Phase phase;
  // the result of an after event, the throwable of a failed one: one field, since an event never
  // has both (8 bytes less per event, with the JVM's 8-byte object alignment)
  private final Object outcome;
  private final long durationNanos;

  HeraldEvent(Invocation call, Phase phase, Object outcome, long durationNanos) {
    this.call = call;
    this.phase = phase;
    this.outcome = outcome;
    this.durationNanos = durationNanos;
  }

  @Override
  Invocation call() {
    return call;
  }

  @Override
  public Phase phase() {
    return phase;
  }

  @Override
  public Object result() {
    return phase == Phase.AFTER ? outcome : null;
  }

  @Override
  public Throwable error() {
    return phase == Phase.FAILED ? (Throwable) outcome : null;
  }

  @Override
  public Instant timestamp() {
    // the call's start plus its duration: one clock read gives both, and the two events of a call
    // are exactly duration() apart
    return Instant.ofEpochSecond(0, call.epochNanos + durationNanos);
  }

  @Override
  public Duration duration() {
    return Duration.ofNanos(durationNanos);
  }
}
