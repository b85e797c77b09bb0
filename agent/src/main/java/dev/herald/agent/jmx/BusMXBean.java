package dev.herald.agent.jmx;

/**
 * {@code dev.herald:type=Bus}: the bus's counters since start, and its queues now. Reading it also
 * brings the {@code type=Subscription} beans up to date with the live subscriptions.
 */
public interface BusMXBean {

  long getPublished();

  long getDelivered();

  long getFailed();

  long getDropped();

  /** Live subscriptions. */
  int getSubscriptions();

  /** Events waiting in all subscription queues. */
  long getQueued();

  /** The deepest single subscription queue now. */
  long getDeepestQueue();

  /** {@code bus.queue-capacity}: the bound of each subscription's queue. */
  int getQueueCapacity();

  /** {@code bus.overflow}: block, drop-newest or drop-oldest. */
  String getOverflow();
}
