package dev.herald.api;

/**
 * A listener registered on an {@link EventBus} for one pattern.
 *
 * <p>Closing a subscription stops further deliveries to its listener; events already queued for
 * it are discarded and counted as dropped. Closing is idempotent and safe from any thread,
 * including from the listener itself.
 */
public interface Subscription extends AutoCloseable {

  /** The pattern this subscription was made with, e.g. {@code "order.*.*"}. Never null. */
  String pattern();

  /**
   * A name for logs and statistics. Made through {@link PluginContext#bus()}: the plugin's name and
   * the listener's simple class name, e.g. {@code "audit-log:AuditListener"}, or {@code
   * "audit-log:listener"} for a lambda or an anonymous class. Made on the agent's bus otherwise:
   * the listener's simple class name, {@code "lambda"} for a lambda, {@code "Outer$1"} for an
   * anonymous class. Never null.
   */
  String name();

  /** A snapshot of this subscription's counters. Never null. */
  SubscriptionStatistics statistics();

  /**
   * Stops deliveries to this subscription's listener and drops what is queued for it, counted in
   * its statistics as dropped. Idempotent; never throws; never waits. A delivery thread that was
   * already handing an event to the listener when this was called from another thread may still
   * complete that one call after this returns; no other call follows. Safe to call from any
   * thread, the listener's own included.
   */
  @Override
  void close();
}
