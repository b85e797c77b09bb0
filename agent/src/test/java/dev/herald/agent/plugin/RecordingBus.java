package dev.herald.agent.plugin;

import dev.herald.api.BusStatistics;
import dev.herald.api.Event;
import dev.herald.api.EventBus;
import dev.herald.api.EventListener;
import dev.herald.api.EventPattern;
import dev.herald.api.Subscription;
import dev.herald.api.SubscriptionStatistics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A bus for tests: records what is published and subscribed, and delivers only when a test calls
 * {@link #deliver}, on the test's thread. {@link #subscribe} has the shape of the real bus's
 * method that the agent hands to {@link PluginManager} as its {@link NamedSubscriber}.
 */
final class RecordingBus implements EventBus {

  private final List<Event> published = Collections.synchronizedList(new ArrayList<>());
  private final List<Recorded> subscriptions = Collections.synchronizedList(new ArrayList<>());

  Subscription subscribe(String pattern, String name, EventListener listener) {
    Recorded subscription = new Recorded(EventPattern.check(pattern), name, listener);
    subscriptions.add(subscription);
    return subscription;
  }

  @Override
  public Subscription on(String pattern, EventListener listener) {
    return subscribe(pattern, "unnamed", listener);
  }

  @Override
  public void publish(Event event) {
    synchronized (published) {
      published.add(event);
      published.notifyAll();
    }
  }

  /** Waits up to {@code timeout} for an event named {@code name} whose first argument is {@code plugin}. */
  void awaitPublished(String name, String plugin, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (published) {
      while (published.stream().noneMatch(e -> e.name().equals(name) && plugin.equals(e.args().get(0)))) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no " + name + " event from '" + plugin + "' within " + timeout);
        }
        published.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** Forgets what was published, which holds plugins' objects, so their class loaders can go. */
  void forgetPublished() {
    published.clear();
  }

  @Override
  public boolean flush(Duration timeout) {
    return true;
  }

  @Override
  public BusStatistics statistics() {
    return new BusStatistics(published.size(), 0, 0, 0, List.of());
  }

  /** Calls the listener of every open subscription whose pattern matches, on this thread. */
  void deliver(Event event) throws Exception {
    for (Recorded subscription : subscriptions()) {
      EventListener listener = subscription.listener;
      if (!subscription.closed && listener != null && EventPattern.matches(subscription.pattern, event.name())) {
        listener.onEvent(event);
      }
    }
  }

  List<Recorded> subscriptions() {
    synchronized (subscriptions) {
      return List.copyOf(subscriptions);
    }
  }

  /** The published events named {@code name}, in order. */
  List<Event> published(String name) {
    synchronized (published) {
      return published.stream().filter(e -> e.name().equals(name)).toList();
    }
  }

  /** The arguments of the only event named {@code name} whose first argument is {@code plugin}. */
  List<Object> argsOf(String name, String plugin) {
    List<List<Object>> matching = published(name).stream()
        .map(Event::args).filter(args -> plugin.equals(args.get(0))).toList();
    if (matching.size() != 1) {
      throw new AssertionError("expected one " + name + " event from '" + plugin + "', got " + matching);
    }
    return matching.get(0);
  }

  /** A subscription as the test bus made it; closing it drops the listener, as the real bus does. */
  static final class Recorded implements Subscription {
    final String pattern;
    final String name;
    volatile EventListener listener;
    volatile boolean closed;

    Recorded(String pattern, String name, EventListener listener) {
      this.pattern = pattern;
      this.name = name;
      this.listener = listener;
    }

    @Override
    public String pattern() {
      return pattern;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public SubscriptionStatistics statistics() {
      return new SubscriptionStatistics(name, pattern, 0, 0, 0, 0);
    }

    @Override
    public void close() {
      closed = true;
      listener = null;
    }

    @Override
    public String toString() {
      return name + "[" + pattern + (closed ? ", closed]" : "]");
    }
  }
}
