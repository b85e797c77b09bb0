package dev.herald.agent.config;

/**
 * Where actor, user id and trace id come from besides {@code EventContext}: the SLF4J MDC keys named
 * by {@code context: { mdc: { actor, user-id, trace-id } }}.
 *
 * <p>Immutable. Each key is null when the config does not name one (then that MDC lookup is
 * skipped).
 *
 * @param actorKey the MDC key holding the actor, or null
 * @param userIdKey the MDC key holding the user id, or null
 * @param traceIdKey the MDC key holding the trace id, or null
 */
public record ContextSettings(String actorKey, String userIdKey, String traceIdKey) {

  /** No MDC keys. */
  public static final ContextSettings NONE = new ContextSettings(null, null, null);
}
