package dev.herald.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One moment of one write call: {@code order.after.create}, {@code payment.failed.process}.
 *
 * <p>The agent publishes a {@link Phase#BEFORE} event when an instrumented method is entered and
 * exactly one {@link Phase#AFTER} or {@link Phase#FAILED} event when it returns or throws (or,
 * for a method returning a {@code CompletionStage}, when the stage completes). Code may publish
 * its own events, built with {@link #builder(String, Phase, String)}.
 *
 * <p>What each accessor promises per phase (an error for failed events, no result outside after
 * events, ...) holds for the agent's events. An event built in code is not checked: it carries
 * what its {@link EventBuilder} was given, whatever its phase.
 *
 * <p>Events are immutable and safe to share between threads. The objects they refer to (the
 * arguments, the result) are the application's own and are not copied: a listener must not
 * modify them, and sees their state at delivery time, not at call time.
 */
public interface Event {

  /** {@code entity.phase.operation}, e.g. {@code "order.after.create"}. Never null. */
  String name();

  /** The entity, e.g. {@code "order"}. Never null. */
  String entity();

  /** The phase. Never null. */
  Phase phase();

  /** The operation, e.g. {@code "create"}. Never null. */
  String operation();

  /** The call's arguments, in order; unmodifiable, never null, may contain nulls. */
  List<Object> args();

  /**
   * For {@link Phase#AFTER}: the return value ({@code null} for void; for a method returning a
   * {@code CompletionStage}, the value the stage completed with, or the stage itself, at once,
   * in the rare case that the stage refuses a {@code whenComplete} callback); otherwise null.
   */
  Object result();

  /**
   * For {@link Phase#FAILED}: the throwable, as thrown, never null; otherwise null. For a method
   * returning a {@code CompletionStage}, what the stage completed with, unwrapped from a {@link
   * java.util.concurrent.CompletionException} that has a cause.
   */
  Throwable error();

  /** Who acted, from {@link EventContext} or the configured MDC key. May be null. */
  String actor();

  /** The user id, from {@link EventContext} or the configured MDC key. May be null. */
  String userId();

  /** The trace id, from {@link EventContext} or the configured MDC key. May be null. */
  String traceId();

  /** When this event happened. Never null. */
  Instant timestamp();

  /**
   * Identifies one call: the before event and its after or failed event carry the same id. Ids
   * of the agent's events are unique within the JVM and never 0; an event built in code has 0
   * unless the builder set one.
   */
  long invocationId();

  /**
   * For after and failed events: the time since the before event; for before, {@link
   * Duration#ZERO}. Never null.
   */
  Duration duration();

  /** The configured class (or interface) whose entry produced the event; never null (may be empty for code events). */
  String className();

  /** The method that was called, e.g. {@code "placeOrder"}; never null (may be empty for code events). */
  String methodName();

  /**
   * Starts building an event for {@link EventBus#publish(Event)}. The builder takes the actor,
   * user id and trace id of the calling thread's {@link EventContext#current()} at this call.
   *
   * @throws IllegalArgumentException if entity or operation is empty or holds characters other
   *     than letters, digits, {@code _} and {@code -}
   * @throws NullPointerException if an argument is null
   */
  static EventBuilder builder(String entity, Phase phase, String operation) {
    return new EventBuilder(entity, phase, operation);
  }
}
