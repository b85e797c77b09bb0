package dev.herald.agent.plugin;

import dev.herald.agent.bus.DefaultEventBus;
import dev.herald.api.Subscription;
import dev.herald.api.SubscriptionStatistics;
import java.util.function.Consumer;

/**
 * A plugin's subscription as the plugin holds it: closing it closes the bus's subscription and
 * tells the {@link PluginBus} to forget it, so a plugin that subscribes and unsubscribes often
 * does not pile up closed subscriptions. Safe for concurrent use, like the one it wraps.
 */
final class TrackedSubscription implements Subscription {

  private final Subscription delegate;
  private final Consumer<Subscription> onClose;

  TrackedSubscription(Subscription delegate, Consumer<Subscription> onClose) {
    this.delegate = delegate;
    this.onClose = onClose;
  }

  @Override
  public String pattern() {
    return delegate.pattern();
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public SubscriptionStatistics statistics() {
    return delegate.statistics();
  }

  /** The bus's subscription it wraps. */
  Subscription delegate() {
    return delegate;
  }

  /** See {@link DefaultEventBus#delivering}. */
  boolean delivering() {
    return DefaultEventBus.delivering(delegate);
  }

  @Override
  public void close() {
    delegate.close();
    onClose.accept(this);
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
