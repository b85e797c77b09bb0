package dev.herald.agent.instrument;

import dev.herald.api.Event;
import dev.herald.api.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An event of an instrumented call. Immutable; the {@link Instant} and {@link Duration} are made
 * only when a listener asks, so publishing costs one small object: 40 bytes, the arguments and
 * the context being shared with the call's other event through its {@link Invocation}.
 */
final class HeraldEvent implements Event {

  private final Invocation call;
  private final Phase phase;
  // the result of an after event, the throwable of a failed one: one field, since an event never
  // has both (8 bytes less per event, with the JVM's 8-byte object alignment)
  private final Object outcome;
  private final long epochNanos;
  private final long durationNanos;

  HeraldEvent(Invocation call, Phase phase, Object result, Throwable error, long epochNanos, long durationNanos) {
    this.call = call;
    this.phase = phase;
    this.outcome = phase == Phase.FAILED ? error : phase == Phase.AFTER ? result : null;
    this.epochNanos = epochNanos;
    this.durationNanos = durationNanos;
  }

  @Override
  public String name() {
    return call.binding.name(phase);
  }

  @Override
  public String entity() {
    return call.binding.entity;
  }

  @Override
  public Phase phase() {
    return phase;
  }

  @Override
  public String operation() {
    return call.binding.operation;
  }

  @Override
  public List<Object> args() {
    return call.args;
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
  public String actor() {
    return call.context.actor();
  }

  @Override
  public String userId() {
    return call.context.userId();
  }

  @Override
  public String traceId() {
    return call.context.traceId();
  }

  @Override
  public Instant timestamp() {
    return Instant.ofEpochSecond(0, epochNanos);
  }

  @Override
  public long invocationId() {
    return call.id;
  }

  @Override
  public Duration duration() {
    return Duration.ofNanos(durationNanos);
  }

  @Override
  public String className() {
    return call.binding.className;
  }

  @Override
  public String methodName() {
    return call.binding.methodName;
  }

  @Override
  public String toString() {
    return name() + '#' + call.id;
  }
}
