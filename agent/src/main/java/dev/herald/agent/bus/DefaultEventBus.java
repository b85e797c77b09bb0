package dev.herald.agent.bus;

import dev.herald.agent.log.AgentLog;
import dev.herald.agent.log.RateLimitedLog;
import dev.herald.api.BusStatistics;
import dev.herald.api.Event;
import dev.herald.api.EventBus;
import dev.herald.api.EventListener;
import dev.herald.api.EventPattern;
import dev.herald.api.Subscription;
import dev.herald.api.SubscriptionStatistics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * Herald's event bus: a bounded queue per subscription, shared delivery threads, and routes
 * computed once per event name.
 *
 * <p>The agent looks up a {@link Route} once per instrumented method with {@link #route(String)}
 * and publishes with {@link #publish(Route, Event)}: a volatile read of the route's subscribers,
 * one queue offer per subscription and a volatile read of the sleeping flag; no lock, no
 * allocation, no signal (but for a wake when a queue passes half full while its thread naps). {@link #publish(Event)} adds a map lookup by name.
 *
 * <p>Guarantees (DESIGN.md, "Guarantees of the bus"): publishing never throws and never waits
 * longer than {@link BusOptions#blockTimeout()} in all; each subscription receives its events in
 * the order they were queued, from one thread at a time; every event is delivered, failed, dropped
 * (counted, and logged at most once per 10 s per subscription) or still queued. Listeners may
 * publish, subscribe, flush and close subscriptions, their own included.
 *
 * <p>Safe for concurrent use.
 */
public final class DefaultEventBus implements EventBus {

  private static final Logger log = AgentLog.get(DefaultEventBus.class);
  private static final Duration DEEP_SLEEP_AFTER = Duration.ofSeconds(1);

  private final BusOptions options;
  private final Totals totals = new Totals();
  private final RouteTable table = new RouteTable();
  private final DeliveryPool pool;
  private final Drain drain;
  private final RateLimitedLog publishErrors = new RateLimitedLog(log, 60_000L);
  /** Whether a relay drop by a listener of no subscription of this bus was told (see dropRelayed). */
  private volatile boolean toldUnnamedRelayLoop;
  /** An anonymous class, not a lambda: the bus is made in premain (see BackgroundStart). */
  private volatile Runnable onSubscribed = new Runnable() {
    @Override
    public void run() {}
  };

  /** A bus with these options; its delivery threads start with the first subscription. */
  public DefaultEventBus(BusOptions options) {
    this(options, DEEP_SLEEP_AFTER);
  }

  /** For tests: {@code deepSleepAfter} is how long a delivery thread idles before parking for good. */
  DefaultEventBus(BusOptions options, Duration deepSleepAfter) {
    this(options, deepSleepAfter, Duration.ofNanos(DeliveryPool.STUCK_AFTER_NANOS));
  }

  /** For tests: {@code stuckAfter} is how long one listener call may hold a delivery thread. */
  DefaultEventBus(BusOptions options, Duration deepSleepAfter, Duration stuckAfter) {
    this.options = Objects.requireNonNull(options, "options");
    this.pool = new DeliveryPool(options.threads(), deepSleepAfter.toNanos(),
        Backoff.firstNapNanos(options.queueCapacity()), stuckAfter.toNanos());
    this.drain = new Drain(table, pool, totals, log);
  }

  /** The options this bus was made with. */
  public BusOptions options() {
    return options;
  }

  /**
   * The live route for {@code eventName} ({@code entity.phase.operation}): kept and updated by the
   * bus as subscriptions come and go, so the caller may keep it for good. Never null.
   *
   * @throws NullPointerException if {@code eventName} is null
   */
  public Route route(String eventName) {
    return table.route(Objects.requireNonNull(eventName, "eventName"));
  }

  /**
   * Queues {@code event} for every subscription of {@code route}: the agent's hot path. Never
   * throws; ignores a null route or event. The route should be {@code route(event.name())}. An
   * event of a route without subscriptions is not counted published (the agent makes events only
   * for subscribers; {@link #publish(Event)} counts those from code itself).
   */
  public void publish(Route route, Event event) {
    try {
      publish(route, event, ThreadCounters.current());
    } catch (Throwable t) { // the thread's first count registers its cells
      totals.failedPublishes++;
      publishErrors.record("bus: publishing failed", t);
    }
  }

  /**
   * As {@link #publish(Route, Event)}, for a caller that holds its thread's counter cells already
   * (the agent's dispatcher): saves a thread-local lookup per event.
   */
  public void publish(Route route, Event event, ThreadCounters.Cells counts) {
    if (route == null || event == null) {
      return;
    }
    try {
      // One subscription, the usual case, without a loop, and the rest out of line: this method is
      // inlined into every woven method only while its own compiled code stays under the JIT's
      // InlineSmallCode (2,500 bytes); with the loop and the rare paths inline it was above that, and
      // every publish was a call (-XX:+PrintInlining: "already compiled into a big method").
      BusSubscription[] subscribers = route.subscribers();
      if (subscribers.length == 0) {
        // The caller saw a subscriber a moment ago (the agent makes events only then), and it left
        // meanwhile, a plugin stopping: counted published, the event would be counted nowhere else.
        return;
      }
      counts.add(totals.publishedSlot, 1);
      if (subscribers.length == 1) {
        subscribers[0].offer(event, 0);
      } else {
        offerAll(subscribers, event);
      }
      pool.wakeIfSleeping();
    } catch (Throwable t) { // the service must never see the bus fail
      totals.failedPublishes++;
      publishErrors.record("bus: publishing failed", t);
    }
  }

  private static void offerAll(BusSubscription[] subscribers, Event event) {
    long deadline = 0;
    for (BusSubscription subscriber : subscribers) {
      deadline = subscriber.offer(event, deadline);
    }
  }

  /**
   * Counts {@code count} events of {@code route} published and dropped before they reached its
   * subscriptions (the store of events kept while the plugins start was full), as each subscription
   * would have counted them. Returns {@code count}, or 0 if the route has no subscription.
   */
  long countDropped(Route route, long count) {
    BusSubscription[] subscribers = route.subscribers();
    if (subscribers.length == 0 || count <= 0) {
      return 0;
    }
    countPublished(count);
    for (BusSubscription subscriber : subscribers) {
      subscriber.countDrops(count);
    }
    return count;
  }

  /** Events published so far, as {@link #statistics()} counts them; cheaper than a snapshot. */
  public long publishedSoFar() {
    return totals.published();
  }

  /** Counts {@code count} events published: events from code count whether or not anyone subscribed. */
  void countPublished(long count) {
    ThreadCounters.current().add(totals.publishedSlot, count);
  }

  /** Counts {@code count} events from code published and dropped for no subscription in particular. */
  void countDroppedUnattributed(long count) {
    countPublished(count);
    totals.dropped.add(count);
  }

  /** The route {@link #publish(Event)} takes for {@code eventName}: cached up to a bound, as there. */
  Route routeForPublish(String eventName) {
    return table.routeForPublish(eventName);
  }

  /** Routes {@code event} by its name and queues it; never throws, ignores null. */
  @Override
  public void publish(Event event) {
    if (event == null) {
      return;
    }
    try {
      // read once: from code, an event counts whether or not anyone subscribed, also when the last
      // subscription leaves meanwhile
      BusSubscription[] subscribers = table.routeForPublish(event.name()).subscribers();
      ThreadCounters.current().add(totals.publishedSlot, 1);
      if (subscribers.length == 0) {
        return;
      }
      if (Thread.currentThread() instanceof DeliveryThread delivery) {
        publishFromListener(subscribers, event, delivery);
      } else {
        offerAll(subscribers, event);
        pool.wakeIfSleeping();
      }
    } catch (Throwable t) {
      totals.failedPublishes++;
      publishErrors.record("bus: publishing failed", t);
    }
  }

  /**
   * A listener publishes: to every subscription of the route but the listener's own, which would
   * receive the event, publish again, and so on without end, a delivery thread at full speed for
   * the rest of the application's life. Told once per subscription. Subscriptions that publish
   * what each other receives would do the same in a circle: the event carries how many listeners
   * published on its way ({@link Relayed}), and past {@link Relayed#MAX_HOPS} it is dropped and
   * counted for the subscriptions that would have had it.
   */
  private void publishFromListener(BusSubscription[] subscribers, Event event, DeliveryThread delivery) {
    long serving = delivery.servingId();
    BusSubscription self = null;
    for (BusSubscription subscriber : subscribers) {
      self = subscriber.id == serving ? subscriber : self;
    }
    int hops = delivery.relayHops + 1;
    if (hops > Relayed.MAX_HOPS) {
      dropRelayed(subscribers, self, event, serving);
      return;
    }
    Event queued = new Relayed(event, hops);
    long deadline = 0;
    for (BusSubscription subscriber : subscribers) {
      if (subscriber != self) {
        deadline = subscriber.offer(queued, deadline);
      }
    }
    pool.wakeIfSleeping();
    if (self == null) {
      return;
    }
    if (!self.toldOwnPublish) {
      self.toldOwnPublish = true;
      log.warn("subscription '{}' (pattern {}): its listener published {}, which its own pattern matches; not delivered"
          + " to it (each such event would make it publish another, without end), to the other subscriptions only",
          self.name(), self.pattern(), event.name());
    }
  }

  /**
   * An event published by the listener of subscription {@code serving} at the end of a chain of
   * {@link Relayed#MAX_HOPS} listeners, each publishing in answer to the one before: counted
   * dropped for each subscription that would have had it, told once per publishing subscription.
   */
  private void dropRelayed(BusSubscription[] subscribers, BusSubscription self, Event event, long serving) {
    List<String> names = new ArrayList<>();
    for (BusSubscription subscriber : subscribers) {
      if (subscriber != self) {
        subscriber.countDrops(1);
        names.add(subscriber.name());
      }
    }
    if (names.isEmpty()) {
      return;
    }
    BusSubscription publisher = pool.subscription(serving);
    String who;
    if (publisher == null) {
      // closed during the call (its plugin stopping), or a subscription of another bus: told too,
      // once per bus, or the drop would be a number nobody can trace
      if (toldUnnamedRelayLoop) {
        return;
      }
      toldUnnamedRelayLoop = true;
      who = "a listener whose subscription is closed, or of another bus,";
    } else {
      if (publisher.toldRelayLoop) {
        return;
      }
      publisher.toldRelayLoop = true;
      who = "subscription '" + publisher.name() + "' (pattern " + publisher.pattern() + "): its listener";
    }
    log.warn("{} published {} in answer to an event at the end of a chain of {} publishes by listeners, each in"
        + " answer to the one before, the longest Herald delivers; dropped, and counted dropped for {}: subscriptions"
        + " that publish what each other receives would go round without end. Later ones are counted the same way"
        + " without another WARN", who, event.name(), Relayed.MAX_HOPS, names);
  }

  /**
   * Subscribes {@code listener}, named after its class: its simple name, or {@code "lambda"}.
   *
   * @see #subscribe(String, String, EventListener)
   */
  @Override
  public Subscription on(String pattern, EventListener listener) {
    Objects.requireNonNull(listener, "listener");
    return subscribe(pattern, defaultName(listener.getClass()), listener);
  }

  /**
   * Subscribes {@code listener} to events matching {@code pattern}, under {@code name} in logs
   * and statistics (plugins use {@code "plugin-name:ListenerClass"}). Events published from now on
   * are delivered; the delivery threads start with the first subscription.
   *
   * @throws IllegalArgumentException if the pattern is malformed (see {@link EventPattern#check})
   * @throws NullPointerException if an argument is null
   */
  public Subscription subscribe(String pattern, String name, EventListener listener) {
    EventPattern.check(pattern);
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(listener, "listener");
    BusSubscription subscription =
        new BusSubscription(name, pattern, listener, options, this, totals);
    // served before it is routed to, so that nothing queued waits for the next subscription
    pool.add(subscription);
    table.add(subscription);
    try {
      onSubscribed.run();
    } catch (Throwable t) {
      log.debug("bus: the subscribe hook failed", t);
    }
    return subscription;
  }

  /**
   * Runs {@code hook} on the subscribing thread after each {@link #subscribe}, once the
   * subscription is live (the JMX beans register its bean); replaces any earlier hook. Its failures
   * are logged at DEBUG and never reach the subscriber.
   */
  public void onSubscribed(Runnable hook) {
    onSubscribed = Objects.requireNonNull(hook, "hook");
  }

  /**
   * True while a delivery thread is handing an event of {@code subscription} (one of this kind of
   * bus's) to its listener, or discarding what it held once closed; false for any other
   * subscription. After {@code close()}, false means the listener will not be called again: what
   * stops a plugin waits for it before closing the plugin's class loader.
   */
  public static boolean delivering(Subscription subscription) {
    return subscription instanceof BusSubscription bus && bus.claimed();
  }

  /**
   * Takes {@code subscriptions} off every route, so that events published from now on no longer
   * reach them, and waits at most {@code timeout} until what they had queued was delivered or
   * failed: what stops a plugin while the application runs, so that it gets its events before its
   * {@code stop()}. They stay open, and are still delivered to; close them next, which drops (and
   * counts) whatever is left. Subscriptions of another bus, or closed, are skipped. Does not wait
   * when called from a delivery thread (a listener, which could be waiting on itself) or once the
   * bus is shut down (nothing is delivered any more, and the shutdown reported what it left).
   *
   * @return false if events were still queued for them when {@code timeout} ran out, or, from a
   *     delivery thread, at once; true otherwise
   */
  public boolean retire(Collection<? extends Subscription> subscriptions, Duration timeout) {
    List<BusSubscription> ours = new ArrayList<>(subscriptions.size());
    for (Subscription subscription : subscriptions) {
      if (subscription instanceof BusSubscription bus && bus.of(this) && !bus.isClosed()) {
        ours.add(bus);
      }
    }
    for (BusSubscription subscription : ours) {
      table.remove(subscription); // the pool still serves it; flush waits for it as for a closing one
    }
    if (pool.stopped()) {
      return true;
    }
    if (onDeliveryThread()) {
      for (BusSubscription subscription : ours) {
        if (subscription.hasQueued()) {
          return false; // not waited for: told as left, not dropped in silence
        }
      }
      return true;
    }
    return drain.await(ours.toArray(new BusSubscription[0]), Drain.nanos(timeout)) || pool.stopped();
  }

  /**
   * Replaces the delivery threads with new ones, the old ones ending after their batch in hand:
   * called when a plugin has stopped, so that what its listeners left in the threads' ThreadLocals
   * does not keep its class loader alive. Does nothing before the first subscription or after
   * shutdown.
   */
  public void renewDeliveryThreads() {
    pool.renew();
  }

  /**
   * True when the calling thread is a delivery thread handing an event of {@code subscription} to
   * its listener: that listener is the caller, and waiting for its call to return would never end.
   */
  public static boolean deliveringOnThisThread(Subscription subscription) {
    return Thread.currentThread() instanceof DeliveryThread delivery && subscription instanceof BusSubscription bus
        && delivery.servingId() == bus.id;
  }

  /** True when the calling thread is one of the bus's delivery threads, i.e. inside a listener. */
  public static boolean onDeliveryThread() {
    return Thread.currentThread() instanceof DeliveryThread;
  }

  /**
   * Waits until every event published before this call was delivered, failed or dropped on every
   * subscription. Returns false at once when called from a delivery thread (a listener), which
   * would wait on itself, and false once the bus is shut down with events left.
   */
  @Override
  public boolean flush(Duration timeout) {
    if (onDeliveryThread()) {
      return false;
    }
    return drain.await(Drain.nanos(timeout));
  }

  /**
   * Drains for up to {@code timeout}, then stops the delivery threads. Logs one WARN line per
   * subscription left with events, and one INFO summary. Publishing stays possible (and never
   * waits) but nothing is delivered any more. Only the first call does this; later calls return
   * its result.
   *
   * @return true if every event published before the call was delivered
   */
  public boolean shutdown(Duration timeout) {
    return drain.shutdown(timeout);
  }

  @Override
  public BusStatistics statistics() {
    BusSubscription[] live = table.subscriptions();
    List<SubscriptionStatistics> each = new ArrayList<>(live.length);
    for (BusSubscription subscription : live) {
      each.add(subscription.statistics());
    }
    return new BusStatistics(totals.published(), totals.delivered.sum(), totals.failed.sum(),
        totals.dropped.sum(), each);
  }

  DeliveryPool pool() {
    return pool;
  }

  void onClose(BusSubscription subscription) {
    table.remove(subscription);
    pool.remove(subscription);
  }

  /** A closed subscription was offered an event that the holder of its claim is yet to drop. */
  void onStillClosing(BusSubscription subscription) {
    table.stillClosing(subscription);
  }

  /** A closed subscription has dropped, and counted, what it held. */
  void onDropped(BusSubscription subscription) {
    table.dropped(subscription);
  }

  static String defaultName(Class<?> type) {
    if (type.isSynthetic() || type.isHidden() || type.getName().contains("$$Lambda")) {
      return "lambda";
    }
    String simple = type.getSimpleName();
    if (!simple.isEmpty()) {
      return simple;
    }
    String binary = type.getName(); // anonymous: Outer$1
    return binary.substring(binary.lastIndexOf('.') + 1);
  }

  @Override
  public String toString() {
    return "DefaultEventBus" + options;
  }
}
