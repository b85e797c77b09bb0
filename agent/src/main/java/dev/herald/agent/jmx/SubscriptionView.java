package dev.herald.agent.jmx;

import dev.herald.api.SubscriptionStatistics;
import java.util.function.Supplier;

/**
 * The {@link SubscriptionMXBean} of one subscription, found in each fresh snapshot by name, pattern
 * and ordinal (two subscriptions may share a name). Reads zero once the subscription is gone,
 * until the next sync unregisters the bean.
 */
final class SubscriptionView implements SubscriptionMXBean {

  private final SubscriptionKey key;
  private final Supplier<SubscriptionStatistics> stats;
  private final DeliveryTimes times;

  SubscriptionView(SubscriptionKey key, Supplier<SubscriptionStatistics> stats, DeliveryTimes times) {
    this.key = key;
    this.stats = stats;
    this.times = times;
  }

  private SubscriptionStatistics now() {
    SubscriptionStatistics current = stats.get();
    return current != null ? current : new SubscriptionStatistics(key.name(), key.pattern(), 0, 0, 0, 0, 0);
  }

  @Override
  public String getName() {
    return key.name();
  }

  @Override
  public String getPlugin() {
    int colon = key.name().indexOf(':');
    return colon < 0 ? "" : key.name().substring(0, colon);
  }

  @Override
  public String getPattern() {
    return key.pattern();
  }

  @Override
  public long getDelivered() {
    return now().delivered();
  }

  @Override
  public long getFailed() {
    return now().failed();
  }

  @Override
  public long getDropped() {
    return now().dropped();
  }

  @Override
  public long getQueued() {
    return now().queued();
  }

  @Override
  public long getQueueFull() {
    return now().queueFull();
  }

  @Override
  public double getSlowestDeliveryMillis() {
    return times.slowestMillis(key.name(), key.pattern());
  }
}
