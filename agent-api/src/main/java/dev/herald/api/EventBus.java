package dev.herald.api;

import java.time.Duration;

/**
 * The in-process, asynchronous publish/subscribe bus that carries Herald's events.
 *
 * <p>A pattern has three dot-separated segments, {@code entity.phase.operation}; {@code *}
 * matches one whole segment: {@code "order.after.create"}, {@code "order.*.*"}, {@code
 * "*.failed.*"}.
 *
 * <p>Guarantees: {@link #publish(Event)} never throws into the caller and never blocks longer than
 * the configured {@code bus.block-timeout}. Each subscription has its own bounded queue and
 * receives events in the order they were published. Events dropped by the overflow policy are
 * counted per subscription ({@link Subscription#statistics()}).
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
   *     {@code _}, {@code -} or {@code *}
   * @throws NullPointerException if an argument is null
   */
  Subscription on(String pattern, EventListener listener);

  /**
   * Queues {@code event} for every subscription whose pattern matches its name, and returns.
   * Never throws; a null event is ignored.
   */
  void publish(Event event);

  /**
   * Waits until every event published before this call has been delivered (or dropped) to every
   * subscription, or until {@code timeout} has passed.
   *
   * @return true if everything was delivered in time
   */
  boolean flush(Duration timeout);

  /** A snapshot of the bus's counters. Never null. */
  BusStatistics statistics();
}
