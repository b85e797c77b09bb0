package dev.herald.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Builds an {@link Event} for code that publishes its own events. Obtained from {@link
 * Event#builder(String, Phase, String)}.
 *
 * <p>Unset fields default to: no arguments; null result and error; the actor, user id and trace id
 * of the {@link EventContext} current on the thread that called {@code Event.builder} (the MDC is
 * not read); {@code Instant.now()} at {@link #build()}; invocation id 0; zero duration; empty class
 * and method names. Nothing is checked against the phase: an after event without a result, or a
 * failed event without an error, is built as given.
 *
 * <p>A builder is not safe for concurrent use; the events it builds are immutable.
 */
public final class EventBuilder {
  private final String entity;
  private final Phase phase;
  private final String operation;
  private List<Object> args = List.of();
  private Object result;
  private Throwable error;
  private final EventContext context = EventContext.current();
  private String actor = context.actor();
  private String userId = context.userId();
  private String traceId = context.traceId();
  private Instant timestamp;
  private long invocationId;
  private Duration duration = Duration.ZERO;
  private String className = "";
  private String methodName = "";

  EventBuilder(String entity, Phase phase, String operation) {
    this.entity = checkSegment("entity", entity);
    this.phase = Objects.requireNonNull(phase, "phase");
    this.operation = checkSegment("operation", operation);
  }

  /**
   * The arguments; copied, may contain nulls.
   *
   * @throws NullPointerException if the array itself is null, as with {@code args(null)}; write
   *     {@code args((Object) null)} for one null argument
   */
  public EventBuilder args(Object... args) {
    this.args = Collections.unmodifiableList(Arrays.asList(args.clone()));
    return this;
  }

  /** The return value, for an after event. */
  public EventBuilder result(Object result) {
    this.result = result;
    return this;
  }

  /** The throwable, for a failed event. */
  public EventBuilder error(Throwable error) {
    this.error = error;
    return this;
  }

  /** Who acted; null for none. */
  public EventBuilder actor(String actor) {
    this.actor = actor;
    return this;
  }

  /** The user id; null for none. */
  public EventBuilder userId(String userId) {
    this.userId = userId;
    return this;
  }

  /** The trace id; null for none. */
  public EventBuilder traceId(String traceId) {
    this.traceId = traceId;
    return this;
  }

  /**
   * When it happened; defaults to the time of {@link #build()}.
   *
   * @throws NullPointerException if {@code timestamp} is null
   */
  public EventBuilder timestamp(Instant timestamp) {
    this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
    return this;
  }

  /** Ties a before event to its after or failed event; 0 for none. */
  public EventBuilder invocationId(long invocationId) {
    this.invocationId = invocationId;
    return this;
  }

  /**
   * How long the call took, for after and failed events.
   *
   * @throws NullPointerException if {@code duration} is null
   */
  public EventBuilder duration(Duration duration) {
    this.duration = Objects.requireNonNull(duration, "duration");
    return this;
  }

  /**
   * The class the event is about.
   *
   * @throws NullPointerException if {@code className} is null; use {@code ""} for none
   */
  public EventBuilder className(String className) {
    this.className = Objects.requireNonNull(className, "className");
    return this;
  }

  /**
   * The method the event is about.
   *
   * @throws NullPointerException if {@code methodName} is null; use {@code ""} for none
   */
  public EventBuilder methodName(String methodName) {
    this.methodName = Objects.requireNonNull(methodName, "methodName");
    return this;
  }

  /** Builds the immutable event. */
  public Event build() {
    return new BuiltEvent(
        entity + '.' + phase.id() + '.' + operation,
        entity, phase, operation, args, result, error, actor, userId, traceId,
        timestamp != null ? timestamp : Instant.now(), invocationId, duration, className, methodName);
  }

  static String checkSegment(String what, String value) {
    Objects.requireNonNull(value, what);
    if (!isSegment(value)) {
      throw new IllegalArgumentException(
          what + " '" + value + "' must be non-empty letters, digits, '_' or '-'");
    }
    return value;
  }

  static boolean isSegment(String value) {
    if (value.isEmpty()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private record BuiltEvent(
      String name, String entity, Phase phase, String operation, List<Object> args, Object result,
      Throwable error, String actor, String userId, String traceId, Instant timestamp,
      long invocationId, Duration duration, String className, String methodName) implements Event {

    @Override
    public String toString() {
      return name + "#" + invocationId;
    }
  }
}
