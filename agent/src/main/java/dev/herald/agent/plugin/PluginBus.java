package dev.herald.agent.plugin;

import dev.herald.agent.bus.DefaultEventBus;
import dev.herald.api.BusStatistics;
import dev.herald.api.Event;
import dev.herald.api.EventBus;
import dev.herald.api.EventListener;
import dev.herald.api.EventPattern;
import dev.herald.api.Subscription;
import dev.herald.api.SubscriptionStatistics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The bus one plugin sees: it subscribes under the plugin's name, runs listeners with the plugin's
 * class loader as the thread context class loader (libraries such as JDBC drivers, JAXB or
 * logging back ends look there), and remembers the plugin's subscriptions so that they can be
 * closed when it stops or fails. Publishing, flushing and statistics go to the real bus.
 *
 * <p>Safe for concurrent use: a plugin may subscribe from any thread, at any time until it is
 * stopped; once it begins to stop ({@link #retireAll}, {@link #closeAll()}), {@link #on} throws
 * {@link IllegalStateException}.
 */
final class PluginBus implements EventBus {

  private final String pluginName;
  private final ClassLoader loader;
  private final EventBus bus;
  private final NamedSubscriber subscriber;
  private final Set<Subscription> live = ConcurrentHashMap.newKeySet();
  private final Set<TrackedSubscription> closing = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  PluginBus(String pluginName, ClassLoader loader, EventBus bus, NamedSubscriber subscriber) {
    this.pluginName = pluginName;
    this.loader = loader;
    this.bus = bus;
    this.subscriber = subscriber;
  }

  @Override
  public Subscription on(String pattern, EventListener listener) {
    EventPattern.check(pattern);
    Objects.requireNonNull(listener, "listener");
    if (closed) {
      throw new IllegalStateException("plugin '" + pluginName + "' is stopping or stopped; it cannot subscribe"
          + " any more");
    }
    Subscription subscription = subscriber.subscribe(pattern, pluginName + ":" + listenerName(listener),
        new ContextClassLoaderListener(listener, loader));
    TrackedSubscription tracked = new TrackedSubscription(subscription, live::remove);
    live.add(tracked);
    if (closed) {
      tracked.close(); // closeAll ran between the check above and add: it did not see this one
    }
    return tracked;
  }

  @Override
  public void publish(Event event) {
    bus.publish(event);
  }

  @Override
  public boolean flush(Duration timeout) {
    return bus.flush(timeout);
  }

  @Override
  public BusStatistics statistics() {
    return bus.statistics();
  }

  /** How many of the plugin's subscriptions are open. */
  int subscriptions() {
    return live.size();
  }

  /**
   * Refuses new subscriptions, takes the plugin's off the bus's routes and waits, at most {@link
   * #retireLimit}, until what was queued for them was delivered (see {@link
   * DefaultEventBus#retire}); they stay open until {@link #closeAll}.
   *
   * @return false if events were still queued for them when the wait ended (what is left is
   *     counted by the caller, {@link #dropped} and {@link #queued}); true otherwise, and for a bus
   *     that is not the agent's
   */
  boolean retireAll(Duration timeout) {
    closed = true;
    if (!(bus instanceof DefaultEventBus delivering)) {
      return true;
    }
    List<Subscription> delegates = new ArrayList<>();
    for (Subscription subscription : live) {
      delegates.add(((TrackedSubscription) subscription).delegate());
    }
    return delivering.retire(delegates, retireLimit(timeout));
  }

  /** Events dropped so far by the plugin's subscriptions, open or closing (see {@link SubscriptionStatistics#dropped}). */
  long dropped() {
    long dropped = 0;
    for (Subscription subscription : all()) {
      dropped += subscription.statistics().dropped();
    }
    return dropped;
  }

  /** Events queued for the plugin's subscriptions, open or closing: a closed one's are yet to be dropped. */
  long queued() {
    long queued = 0;
    for (Subscription subscription : all()) {
      queued += subscription.statistics().queued();
    }
    return queued;
  }

  private Set<Subscription> all() {
    Set<Subscription> all = new LinkedHashSet<>(live);
    all.addAll(closing);
    return all;
  }

  /** How long {@link #retireAll} waits: the bus's {@code shutdown-timeout}, what the plugin would get at exit, at most {@code timeout}. */
  Duration retireLimit(Duration timeout) {
    Duration atExit = bus instanceof DefaultEventBus delivering ? delivering.options().shutdownTimeout() : timeout;
    return atExit.compareTo(timeout) < 0 ? atExit : timeout;
  }

  /** Closes every subscription of the plugin, and refuses new ones. Idempotent. */
  void closeAll() {
    closed = true;
    for (Subscription subscription : live) {
      closing.add((TrackedSubscription) subscription);
      subscription.close();
    }
  }

  /** See {@link DefaultEventBus#renewDeliveryThreads}; for the bus the agent made, not a test's. */
  void renewDeliveryThreads() {
    if (bus instanceof DefaultEventBus delivering) {
      delivering.renewDeliveryThreads();
    }
  }

  /**
   * After {@link #closeAll}: waits until no listener of the plugin is being called any more, at
   * most {@code timeoutNanos}: before its {@code stop()}, and before its class loader is closed
   * (a call still in progress would fail on the first class of the plugin's jar it had not loaded
   * yet).
   *
   * @return true if none is
   */
  boolean awaitListenersReturned(long timeoutNanos) {
    long deadline = System.nanoTime() + timeoutNanos;
    for (TrackedSubscription subscription : closing) {
      // a listener stopping its own plugin: waiting for its own call would be waiting on itself
      while (subscription.delivering() && !DefaultEventBus.deliveringOnThisThread(subscription.delegate())) {
        if (System.nanoTime() - deadline >= 0) {
          return false;
        }
        LockSupport.parkNanos(1_000_000L);
      }
    }
    return true;
  }

  /** The listener's simple class name; "listener" for lambdas and anonymous classes, whose names say nothing. */
  static String listenerName(EventListener listener) {
    Class<?> type = listener.getClass();
    String simple = type.getSimpleName();
    if (simple.isEmpty() || type.isSynthetic() || type.isHidden() || simple.contains("$$")) {
      return "listener";
    }
    return simple;
  }
}
