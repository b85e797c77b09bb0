package dev.herald.plugin.kit;

import dev.herald.api.Event;
import dev.herald.api.EventBuilder;
import dev.herald.api.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds events for plugin tests, shaped like the agent's: a class and method name, an invocation
 * id shared by a call's before and after/failed events, a context.
 *
 * <p>Stateless apart from an invocation id counter; safe for concurrent use.
 */
public final class TestEvents {

  /** The class name the events carry. */
  public static final String CLASS_NAME = "com.acme.orders.OrderService";

  /** The method name the events carry. */
  public static final String METHOD_NAME = "placeOrder";

  private static final AtomicLong INVOCATIONS = new AtomicLong(1000);
  private static final Instant TIME = Instant.parse("2026-01-15T12:00:00.123Z");

  private TestEvents() {}

  /** A fresh, non-zero invocation id. */
  public static long nextInvocationId() {
    return INVOCATIONS.incrementAndGet();
  }

  /**
   * A builder pre-filled like an agent event: class, method, a fresh invocation id, a fixed
   * timestamp, actor "alice", user id "u-1", trace id "trace-1", 3.1 ms for after and failed.
   */
  public static EventBuilder builder(String entity, Phase phase, String operation) {
    return Event.builder(entity, phase, operation)
        .className(CLASS_NAME).methodName(METHOD_NAME)
        .invocationId(nextInvocationId()).timestamp(TIME)
        .actor("alice").userId("u-1").traceId("trace-1")
        .duration(phase == Phase.BEFORE ? Duration.ZERO : Duration.ofNanos(3_100_000));
  }

  /** A before event with these arguments. */
  public static Event before(String entity, String operation, Object... args) {
    return builder(entity, Phase.BEFORE, operation).args(args).build();
  }

  /** An after event with this result and these arguments. */
  public static Event after(String entity, String operation, Object result, Object... args) {
    return builder(entity, Phase.AFTER, operation).result(result).args(args).build();
  }

  /** A failed event with this error and these arguments. */
  public static Event failed(String entity, String operation, Throwable error, Object... args) {
    return builder(entity, Phase.FAILED, operation).error(error).args(args).build();
  }

  /** One call's before, after and failed events (as if it could both return and throw), one id. */
  public static List<Event> allPhases(String entity, String operation, Object... args) {
    long id = nextInvocationId();
    return List.of(
        builder(entity, Phase.BEFORE, operation).invocationId(id).args(args).build(),
        builder(entity, Phase.AFTER, operation).invocationId(id).args(args).result("done").build(),
        builder(entity, Phase.FAILED, operation).invocationId(id).args(args)
            .error(new IllegalStateException("boom")).build());
  }

  /**
   * An event with as little as an event may carry: no arguments, no context, id 0, empty class
   * and method names, no result or error (even for after and failed).
   */
  public static Event sparse(String entity, Phase phase, String operation) {
    return Event.builder(entity, phase, operation).actor(null).userId(null).traceId(null).build();
  }

  /**
   * For each of {@link OddValues#values()}: a before event with it as the argument (beside a null
   * argument) and an after event with it as argument and result; for each of {@link
   * OddValues#errors()}: a failed event.
   */
  public static List<Event> withOddValues(String entity, String operation) {
    List<Event> events = new ArrayList<>();
    for (Object value : OddValues.values().values()) {
      events.add(before(entity, operation, value, null));
      events.add(after(entity, operation, value, value));
    }
    for (Map.Entry<String, Throwable> error : OddValues.errors().entrySet()) {
      events.add(failed(entity, operation, error.getValue(), error.getKey()));
    }
    return events;
  }
}
