package dev.herald.agent.bus;

/**
 * The subscriptions one event name goes to: a live entry of a {@link DefaultEventBus}'s routing
 * table, obtained from {@link DefaultEventBus#route(String)}.
 *
 * <p>The bus updates every route it handed out whenever a subscription is made or closed, so a
 * caller may look a route up once (per instrumented method, say) and keep it for good. Safe for
 * concurrent use: the subscriber array is replaced, never changed in place.
 */
public final class Route {

  static final BusSubscription[] NONE = new BusSubscription[0];

  private final String name;
  // Copy-on-write: written under the routing table's lock, read by publishers with one volatile read.
  private volatile BusSubscription[] subscribers;

  Route(String name, BusSubscription[] subscribers) {
    this.name = name;
    this.subscribers = subscribers;
  }

  /** The event name this route is for, e.g. {@code "order.after.create"}. Never null. */
  public String name() {
    return name;
  }

  /**
   * True when no subscription matches this route's name right now: one volatile read, cheap
   * enough to skip building an event nobody would receive.
   */
  public boolean isEmpty() {
    return subscribers.length == 0;
  }

  BusSubscription[] subscribers() {
    return subscribers;
  }

  void subscribers(BusSubscription[] subscribers) {
    this.subscribers = subscribers;
  }

  @Override
  public String toString() {
    return "Route[" + name + ", " + subscribers.length + " subscriptions]";
  }
}
