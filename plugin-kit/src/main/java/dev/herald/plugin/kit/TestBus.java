package dev.herald.plugin.kit;

import dev.herald.api.BusStatistics;
import dev.herald.api.Event;
import dev.herald.api.EventBus;
import dev.herald.api.EventListener;
import dev.herald.api.EventPattern;
import dev.herald.api.Subscription;
import dev.herald.api.SubscriptionStatistics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A synchronous, recording {@link EventBus} for tests.
 *
 * <p>{@link #publish(Event)} calls every open matching subscription's listener on the calling
 * thread, in subscription order, and returns when they have all returned, so a test can assert
 * right after publishing. Whatever a listener throws is caught and recorded in {@link
 * #failures()}, as the real bus would count and log it; it never reaches the publisher. {@link
 * #flush(Duration)} therefore always returns true at once.
 *
 * <p>Safe for concurrent use: subscriptions and failures live in concurrent lists. Listeners of
 * one subscription may be called from several threads at once if several threads publish, unlike
 * on the real bus; the kit publishes from one thread only.
 */
public final class TestBus implements EventBus {

  private final List<Recorded> subscriptions = new CopyOnWriteArrayList<>();
  private final List<ListenerFailure> failures = new CopyOnWriteArrayList<>();
  private final AtomicLong published = new AtomicLong();

  /** Registers {@code listener}; checks the pattern as the real bus does. */
  @Override
  public Subscription on(String pattern, EventListener listener) {
    EventPattern.check(pattern);
    Objects.requireNonNull(listener, "listener");
    Recorded subscription = new Recorded(pattern, listener);
    subscriptions.add(subscription);
    return subscription;
  }

  /** Delivers {@code event} synchronously to every open matching subscription; null is ignored. */
  @Override
  public void publish(Event event) {
    if (event == null) {
      return;
    }
    published.incrementAndGet();
    for (Recorded subscription : subscriptions) {
      if (!subscription.closed.get() && EventPattern.matches(subscription.pattern, event.name())) {
        subscription.deliver(event);
      }
    }
  }

  /** Always true: {@link #publish(Event)} delivers before it returns. */
  @Override
  public boolean flush(Duration timeout) {
    return true;
  }

  @Override
  public BusStatistics statistics() {
    List<SubscriptionStatistics> open = new ArrayList<>();
    long delivered = 0;
    long failed = 0;
    for (Recorded subscription : subscriptions) {
      delivered += subscription.delivered.get();
      failed += subscription.failed.get();
      if (!subscription.closed.get()) {
        open.add(subscription.statistics());
      }
    }
    return new BusStatistics(published.get(), delivered, failed, 0, open);
  }

  /** Every listener failure so far, oldest first; a snapshot. */
  public List<ListenerFailure> failures() {
    return List.copyOf(failures);
  }

  /** Every subscription made so far, open or closed, in the order made; a snapshot. */
  public List<Subscription> subscriptions() {
    return List.copyOf(subscriptions);
  }

  /** The subscriptions not yet closed, in the order made; a snapshot. */
  public List<Subscription> openSubscriptions() {
    return subscriptions.stream().filter(s -> !s.closed.get()).map(Subscription.class::cast).toList();
  }

  /** How many listener calls returned normally or threw, over all subscriptions. */
  public long deliveries() {
    return subscriptions.stream().mapToLong(s -> s.delivered.get() + s.failed.get()).sum();
  }

  /** Closes every subscription, as the agent does after a plugin's {@code stop()}. */
  public void closeAll() {
    subscriptions.forEach(Recorded::close);
  }

  private final class Recorded implements Subscription {
    private final String pattern;
    private final EventListener listener;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    Recorded(String pattern, EventListener listener) {
      this.pattern = pattern;
      this.listener = listener;
    }

    void deliver(Event event) {
      try {
        listener.onEvent(event);
        delivered.incrementAndGet();
      } catch (Throwable t) { // an Error too: the real bus must survive it, so the kit records it
        failed.incrementAndGet();
        failures.add(new ListenerFailure(pattern, event, t));
      }
    }

    @Override
    public String pattern() {
      return pattern;
    }

    @Override
    public String name() {
      return "test:" + listener.getClass().getSimpleName();
    }

    @Override
    public SubscriptionStatistics statistics() {
      return new SubscriptionStatistics(name(), pattern, delivered.get(), failed.get(), 0, 0);
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }
}
