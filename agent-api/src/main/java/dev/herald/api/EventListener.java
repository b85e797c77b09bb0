package dev.herald.api;

/**
 * Receives the events of one {@link Subscription}.
 *
 * <p>Threading: the bus calls a listener from one of its delivery threads, never from the thread
 * that published the event, and never from two threads at once for the same subscription, so a
 * listener needs no locking for state it alone touches. Events arrive in the order they were
 * published.
 *
 * <p>An exception thrown here is caught, counted in the subscription's statistics and logged
 * (rate-limited); it never reaches the publisher and does not stop later deliveries.
 */
@FunctionalInterface
public interface EventListener {

  /**
   * Handles one event.
   *
   * @param event the event, never null
   * @throws Exception to report a failure; the bus counts and logs it and carries on
   */
  void onEvent(Event event) throws Exception;
}
