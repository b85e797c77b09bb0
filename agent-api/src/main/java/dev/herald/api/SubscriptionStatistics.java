package dev.herald.api;

/**
 * A snapshot of one subscription's counters. All counts start at zero when the subscription is
 * made and only grow.
 *
 * @param name the subscription's {@link Subscription#name()}
 * @param pattern the subscription's pattern
 * @param delivered events whose listener call returned normally
 * @param failed events whose listener call threw
 * @param dropped events discarded by the overflow policy (or on close) and never delivered
 * @param queued events waiting in the subscription's queue at the time of the snapshot
 */
public record SubscriptionStatistics(
    String name, String pattern, long delivered, long failed, long dropped, long queued) {}
