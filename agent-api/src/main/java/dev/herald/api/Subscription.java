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
   * A name for logs and statistics: the plugin that made it and the listener's class, e.g.
   * {@code "audit-log:AuditListener"}. Never null.
   */
  String name();

  /** A snapshot of this subscription's counters. Never null. */
  SubscriptionStatistics statistics();

  /** Stops deliveries to this subscription's listener. Never throws. */
  @Override
  void close();
}
