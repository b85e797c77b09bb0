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

  /** The longest single listener call so far, in milliseconds; -1 if not measured for this subscription. */
  double getSlowestDeliveryMillis();
}
