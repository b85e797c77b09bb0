package dev.herald.agent.jmx;

import dev.herald.agent.bus.DefaultEventBus;
import dev.herald.api.BusStatistics;
import dev.herald.api.SubscriptionStatistics;

/** The {@link BusMXBean}: each read takes a fresh snapshot of the bus, then lets {@code onRead} sync the subscription beans. */
final class BusView implements BusMXBean {

  private final DefaultEventBus bus;
  private final Runnable onRead;

  BusView(DefaultEventBus bus, Runnable onRead) {
    this.bus = bus;
    this.onRead = onRead;
  }

  private BusStatistics stats() {
    onRead.run();
    return bus.statistics();
  }

  @Override
  public long getPublished() {
    return stats().published();
  }

  @Override
  public long getDelivered() {
    return stats().delivered();
  }

  @Override
  public long getFailed() {
    return stats().failed();
  }

  @Override
  public long getDropped() {
    return stats().dropped();
  }

  @Override
  public int getSubscriptions() {
    return stats().subscriptions().size();
  }

  @Override
  public long getQueued() {
    return stats().subscriptions().stream().mapToLong(SubscriptionStatistics::queued).sum();
  }

  @Override
  public long getDeepestQueue() {
    return stats().subscriptions().stream().mapToLong(SubscriptionStatistics::queued).max().orElse(0);
  }

  @Override
  public int getQueueCapacity() {
    return bus.options().queueCapacity();
  }

  @Override
  public String getOverflow() {
    return bus.options().overflow().configName();
  }
}
