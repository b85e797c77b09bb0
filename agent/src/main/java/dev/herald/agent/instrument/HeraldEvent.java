package dev.herald.agent.instrument;

import dev.herald.api.Event;
import dev.herald.api.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An event of an instrumented call. Immutable; the {@link Instant} and {@link Duration} are made
 * only when a listener asks, so publishing costs one small object.
 */
final class HeraldEvent implements Event {

  private final Invocation call;
  private final Phase phase;
  private final Object result;
  private final Throwable error;
  private final long epochNanos;
  private final long durationNanos;

  HeraldEvent(Invocation call, Phase phase, Object result, Throwable error, long epochNanos, long durationNanos) {
    this.call = call;
    this.phase = phase;
    this.result = result;
    this.error = error;
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
    return result;
  }

  @Override
  public Throwable error() {
    return error;
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
