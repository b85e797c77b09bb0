package dev.herald.agent.jmx;

/** {@code dev.herald:type=Subscription,name=...}: one live subscription's counters. */
public interface SubscriptionMXBean {

  /** The subscription's name, {@code plugin:ListenerClass} for a plugin's. */
  String getName();

  /** The plugin that made it, or empty for one made by application code. */
  String getPlugin();

  String getPattern();

  long getDelivered();

  long getFailed();

  long getDropped();

  long getQueued();

  /**
   * How many published events found this subscription's queue full (the publisher then waited or
   * an event was dropped, per {@code bus.overflow}): a growing count means the listener does not
   * keep up, even when nothing is dropped.
   */
  long getQueueFull();

  /** The longest single listener call so far, in milliseconds; -1 if not measured for this subscription. */
  double getSlowestDeliveryMillis();
}
