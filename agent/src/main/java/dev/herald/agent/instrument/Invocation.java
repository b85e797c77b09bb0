package dev.herald.agent.instrument;

import dev.herald.api.EventContext;
import dev.herald.api.Phase;
import java.time.Duration;
import java.time.Instant;

/**
 * One tracked call, from its before event to its after or failed event: the token the advice
 * carries from method entry to exit, and the call's before event itself, so that a call allocates
 * one object less. Written by the calling thread before it is published; for an asynchronous result
 * read by the thread that completes it, which happens after.
 */
final class Invocation extends CallEvent {

  private static final Object[] NO_ARGS = new Object[0];

  final Binding binding;
  final long id;
  final long startNanos;
  final EventContext context;
  /** The calling thread's, kept so that exit need not look it up again: exit runs on that thread. */
  final CallStack stack;
  /** The array the advice built for this call; nobody else holds it. Set before the before event is published. */
  Object[] args = NO_ARGS;
  /** When the call started, since the epoch: the before event's timestamp. Set before it is published. */
  long epochNanos;
  /** Made while the plugins started: its events go through {@link dev.herald.agent.bus.HeldEvents}. Set before any is published. */
  boolean held;

  Invocation(Binding binding, long id, long startNanos, EventContext context, CallStack stack) {
    this.binding = binding;
    this.id = id;
    this.startNanos = startNanos;
    this.context = context;
    this.stack = stack;
  }

  @Override
  Invocation call() {
    return this;
  }

  @Override
  public Phase phase() {
    return Phase.BEFORE;
  }

  @Override
  public Object result() {
    return null;
  }

  @Override
  public Throwable error() {
    return null;
  }

  @Override
  public Instant timestamp() {
    return Instant.ofEpochSecond(0, epochNanos);
  }

  @Override
  public Duration duration() {
    return Duration.ZERO;
  }
}
