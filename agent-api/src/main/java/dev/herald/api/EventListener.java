package dev.herald.api;

/**
 * Receives the events of one {@link Subscription}.
 *
 * <p>Threading: the bus calls a listener from one of its delivery threads, never from the thread
 * that published the event, and never from two threads at once for the same subscription, so a
 * listener needs no locking for state it alone touches. Events arrive in the order they were
 * published. A listener subscribed through {@link PluginContext#bus()} runs with its plugin's class
 * loader as the thread's context class loader (libraries such as JDBC drivers look there); one
 * subscribed through {@link Herald#bus()} runs with the system class loader.
 *
 * <p>So that a listener never waits on itself nor feeds itself, its delivery thread is treated
 * apart: instrumented calls the listener makes emit no events (those on threads it hands work to
 * still do); {@link EventBus#flush} returns false at once; and a {@link EventBus#publish} that
 * finds a queue full under the {@code block} overflow policy drops the event (counted) at once
 * instead of waiting.
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
