package dev.herald.api;

import java.util.List;

/**
 * A snapshot of an {@link EventBus}'s counters.
 *
 * @param published events published: every event published from code, but the agent's own events
 *     (of instrumented calls) only when some subscription's pattern matches their name
 * @param delivered sum of {@link SubscriptionStatistics#delivered()} over live and closed subscriptions
 * @param failed sum of listener failures
 * @param dropped events dropped, summed over the subscriptions, closed ones included (see {@link
 *     SubscriptionStatistics#dropped()}); plus, in this total only, events published from code
 *     while the plugins started that were dropped under names past the first 1024 (for no
 *     subscription in particular)
 * @param subscriptions one entry per live subscription, in the order they were made; unmodifiable
 */
public record BusStatistics(
    long published, long delivered, long failed, long dropped, List<SubscriptionStatistics> subscriptions) {

  /** Copies {@code subscriptions} so that the record is immutable. */
  public BusStatistics {
    subscriptions = List.copyOf(subscriptions);
  }
}
