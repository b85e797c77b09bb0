package dev.herald.api;

import java.time.Duration;

/**
 * The in-process, asynchronous publish/subscribe bus that carries Herald's events.
 *
 * <p>A pattern has three dot-separated segments, {@code entity.phase.operation}; {@code *}
 * matches one whole segment: {@code "order.after.create"}, {@code "order.*.*"}, {@code
 * "*.failed.*"}.
 *
 * <p>Guarantees: {@link #publish(Event)} never throws into the caller, and waits in two cases
 * only. Under the {@code block} overflow policy it waits for room in a full queue up to {@code
 * bus.block-timeout}, not counting time the whole process was paused meanwhile (a GC pause), up
 * to {@code block-timeout} of it per full queue: with one full queue, at most twice {@code
 * block-timeout} in all. And while the plugins start, events are kept for them, up to {@code
 * bus.queue-capacity}; a publisher that finds that many kept waits for the plugins to have
 * started, at most max(30 s, 2 × {@code plugins.start-timeout}). Each subscription has its own
 * bounded queue and receives events in the order they were published. Events dropped (by the
 * overflow policy, or for a reason {@link #publish(Event)} gives) are counted per subscription
 * ({@link Subscription#statistics()}).
 *
 * <p>This interface is safe for concurrent use by any number of threads.
 */
public interface EventBus {

  /**
   * Registers {@code listener} for events whose name matches {@code pattern}.
   *
   * @param pattern three segments, each a name or {@code *}; never null
   * @param listener called on a delivery thread for each matching event; never null
   * @return the subscription, to close when done
   * @throws IllegalArgumentException if the pattern is not three segments of letters, digits,
   *     {@code _}, {@code -} or {@code *}, or if its phase segment (the second) is not {@code
   *     before}, {@code after}, {@code failed} or {@code *}
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException on the bus of {@link PluginContext#bus()}, once the plugin has
   *     been stopped or its start has failed
   */
  Subscription on(String pattern, EventListener listener);

  /**
   * Queues {@code event} for every subscription whose pattern matches its name, and returns.
   * Never throws; a null event is ignored. See the class comment for when it waits.
   *
   * <p>Called by a listener, on its delivery thread: the event is not queued for the listener's own
   * subscription, and it is dropped (counted dropped for the subscriptions it matches) if it would
   * be the ninth in a chain of events each published by a listener in answer to the one before,
   * which subscriptions answering each other's events would otherwise make without end.
   */
  void publish(Event event);

  /**
   * Waits until every event published before this call has been delivered (or dropped) to every
   * subscription, or until {@code timeout} has passed.
   *
   * <p>Called from a listener, it returns false at once: the listener's delivery thread may be
   * the one that would deliver. Once the bus has shut down (at JVM exit) nothing is delivered any
   * more, so it returns false at once if events are left undelivered.
   *
   * @return true if everything was delivered in time
   */
  boolean flush(Duration timeout);

  /**
   * A snapshot of the bus's counters. Never null. While the plugins start, the bus of {@link
   * Herald#bus()} first waits for the events kept for them to be published, so that they are
   * counted: at most max(30 s, 2 × {@code plugins.start-timeout}).
   */
  BusStatistics statistics();
}
