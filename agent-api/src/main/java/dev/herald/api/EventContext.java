package dev.herald.api;

import java.util.Objects;

/**
 * Who acts, for whom, under which trace: the actor, user id and trace id that events published on
 * the current thread carry.
 *
 * <p>An {@code EventContext} is an immutable value. {@link #current()} returns the one in force on
 * the calling thread; {@link #open()} puts a value in force until the returned scope is closed,
 * which restores the previous one:
 *
 * <pre>{@code
 * try (EventContext.Scope scope = EventContext.current().withActor("alice").withTraceId(id).open()) {
 *   orders.placeOrder(order);   // its events carry actor "alice"
 * }
 * }</pre>
 *
 * <p>Values set here take precedence over those the agent reads from the SLF4J MDC keys named in
 * the config's {@code context.mdc}. The context belongs to one thread; it does not follow work
 * handed to other threads, except that the after or failed event of an asynchronous call carries
 * the context of its before event.
 */
public final class EventContext {

  /** The context with no actor, user id or trace id. */
  public static final EventContext EMPTY = new EventContext(null, null, null);

  private static final ThreadLocal<EventContext> CURRENT = ThreadLocal.withInitial(() -> EMPTY);
  // Set by the first open(). Until then every thread's context is EMPTY, and current() — read by
  // the agent on every instrumented call — skips the thread-local lookup. Not volatile on purpose:
  // only a thread that opened a context has one, and that thread sees its own write.
  private static boolean opened;

  private final String actor;
  private final String userId;
  private final String traceId;

  private EventContext(String actor, String userId, String traceId) {
    this.actor = actor;
    this.userId = userId;
    this.traceId = traceId;
  }

  /** A context with these values; each may be null. */
  public static EventContext of(String actor, String userId, String traceId) {
    return actor == null && userId == null && traceId == null
        ? EMPTY
        : new EventContext(actor, userId, traceId);
  }

  /** The context in force on the calling thread; {@link #EMPTY} if none. Never null. */
  public static EventContext current() {
    return opened ? CURRENT.get() : EMPTY;
  }

  /** The actor; may be null. */
  public String actor() {
    return actor;
  }

  /** The user id; may be null. */
  public String userId() {
    return userId;
  }

  /** The trace id; may be null. */
  public String traceId() {
    return traceId;
  }

  /** A copy with {@code actor} in place of this one's. */
  public EventContext withActor(String actor) {
    return of(actor, userId, traceId);
  }

  /** A copy with {@code userId} in place of this one's. */
  public EventContext withUserId(String userId) {
    return of(actor, userId, traceId);
  }

  /** A copy with {@code traceId} in place of this one's. */
  public EventContext withTraceId(String traceId) {
    return of(actor, userId, traceId);
  }

  /**
   * Puts this context in force on the calling thread until the returned scope is closed.
   * Scopes must be closed on the thread that opened them, innermost first.
   */
  public Scope open() {
    opened = true;
    EventContext previous = CURRENT.get();
    CURRENT.set(this);
    return () -> CURRENT.set(previous);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventContext other
        && Objects.equals(actor, other.actor)
        && Objects.equals(userId, other.userId)
        && Objects.equals(traceId, other.traceId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(actor, userId, traceId);
  }

  @Override
  public String toString() {
    return "EventContext[actor=" + actor + ", userId=" + userId + ", traceId=" + traceId + "]";
  }

  /** Restores the context that was in force before {@link #open()}. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    /** Restores the previous context. Never throws. */
    @Override
    void close();
  }
}
