package dev.herald.agent.bus;

import dev.herald.agent.bootstrap.HeraldHooks;
import dev.herald.api.EventPattern;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live subscriptions of a bus and the {@link Route}s computed from them, by event name.
 *
 * <p>Patterns are matched only here, when a route is made or a subscription comes or goes, never
 * per event. Changes happen under one lock, so a route made concurrently with a subscription
 * cannot miss it; reads take no lock.
 */
final class RouteTable {

  /** Names cached for {@code publish(Event)}; past this, unknown names are routed uncached. */
  static final int MAX_CACHED = 10_000;

  private final Object lock = new Object();
  private final ConcurrentHashMap<String, Route> routes = new ConcurrentHashMap<>();
  // live subscriptions in the order they were made; copy-on-write
  private volatile BusSubscription[] subscriptions = Route.NONE;
  /**
   * Subscriptions taken off the routes with events still queued: closed ones whose events are still
   * to be dropped and counted (a listener that closes its own subscription drops the rest when it
   * returns), and retired ones still delivering theirs. {@code flush} waits for them too.
   */
  private final Set<BusSubscription> closing = ConcurrentHashMap.newKeySet();

  /** The live route for {@code name}, made and kept if new. */
  Route route(String name) {
    Route route = routes.get(name);
    return route != null ? route : create(name);
  }

  /**
   * The route for {@code name}: the cached one, a new cached one while fewer than {@link
   * #MAX_CACHED} are cached, else a one-off route that is not kept (and not updated), so that
   * events with ever new names cannot grow the table without bound.
   */
  Route routeForPublish(String name) {
    Route route = routes.get(name);
    if (route != null) {
      return route;
    }
    return routes.size() < MAX_CACHED ? create(name) : new Route(name, matching(name));
  }

  private Route create(String name) {
    synchronized (lock) {
      return routes.computeIfAbsent(name, key -> new Route(key, matching(key)));
    }
  }

  void add(BusSubscription subscription) {
    synchronized (lock) {
      subscriptions = with(subscriptions, subscription);
      HeraldHooks.listening(true);
      for (Route route : routes.values()) {
        if (EventPattern.matches(subscription.pattern(), route.name())) {
          route.subscribers(with(route.subscribers(), subscription));
        }
      }
    }
  }

  void remove(BusSubscription subscription) {
    closing.add(subscription);
    synchronized (lock) {
      subscriptions = without(subscriptions, subscription);
      HeraldHooks.listening(subscriptions.length > 0);
      for (Route route : routes.values()) {
        BusSubscription[] current = route.subscribers();
        BusSubscription[] updated = without(current, subscription);
        if (updated != current) {
          route.subscribers(updated);
        }
      }
    }
  }

  /** The live subscriptions, in the order they were made; a snapshot the caller must not change. */
  BusSubscription[] subscriptions() {
    return subscriptions;
  }

  /** Lists a closed subscription for {@code flush} again: an event reached it after it was forgotten. */
  void stillClosing(BusSubscription subscription) {
    closing.add(subscription);
  }

  /** Forgets a closed subscription once what it held was dropped and counted. */
  void dropped(BusSubscription subscription) {
    closing.remove(subscription);
  }

  /** What {@code flush} waits for: the live subscriptions, and closed ones still dropping what they held. */
  BusSubscription[] toFlush() {
    BusSubscription[] live = subscriptions;
    if (closing.isEmpty()) {
      return live;
    }
    // one listed again after dropping the late event (stillClosing, then dropped came first): what
    // was offered before it was listed is visible here, so empty and unclaimed means counted
    closing.removeIf(closed -> !closed.hasQueued() && !closed.claimed());
    if (closing.isEmpty()) {
      return live;
    }
    // one being taken off is listed as closing before it leaves the live array: not twice
    Set<BusSubscription> all = new LinkedHashSet<>(Arrays.asList(live)); // by identity: no equals of its own
    all.addAll(closing);
    return all.toArray(new BusSubscription[0]);
  }

  private BusSubscription[] matching(String name) {
    BusSubscription[] current = subscriptions;
    BusSubscription[] matched = Route.NONE;
    for (BusSubscription subscription : current) {
      if (EventPattern.matches(subscription.pattern(), name)) {
        matched = with(matched, subscription);
      }
    }
    return matched;
  }

  static BusSubscription[] with(BusSubscription[] array, BusSubscription added) {
    BusSubscription[] copy = Arrays.copyOf(array, array.length + 1);
    copy[array.length] = added;
    return copy;
  }

  /** {@code array} without {@code removed}; the same array if it does not hold it. */
  static BusSubscription[] without(BusSubscription[] array, BusSubscription removed) {
    for (int i = 0; i < array.length; i++) {
      if (array[i] == removed) {
        if (array.length == 1) {
          return Route.NONE;
        }
        BusSubscription[] copy = new BusSubscription[array.length - 1];
        System.arraycopy(array, 0, copy, 0, i);
        System.arraycopy(array, i + 1, copy, i, array.length - i - 1);
        return copy;
      }
    }
    return array;
  }
}
