package dev.herald.api;

/**
 * A snapshot of one subscription's counters. All start at zero when the subscription is made;
 * {@code queued} goes up and down with the queue, the others only grow.
 *
 * @param name the subscription's {@link Subscription#name()}
 * @param pattern the subscription's pattern
 * @param delivered events whose listener call returned normally
 * @param failed events whose listener call threw
 * @param dropped events never delivered because they were discarded: by the overflow policy, on
 *     close, beyond what is kept for the plugins while they start, or as the ninth of a chain of
 *     listeners' answers (see {@link EventBus#publish(Event)})
 * @param queued events waiting in the subscription's queue at the time of the snapshot
 * @param queueFull how many published events found the subscription's queue full, whatever the
 *     overflow policy then did with them: under {@code block} the publisher waited (and dropped the
 *     event only if no room was made within {@code block-timeout}), under {@code drop-newest} and
 *     {@code drop-oldest} an event was dropped. A growing count means the listener does not keep up
 *     with the publishers, even when nothing is dropped
 */
public record SubscriptionStatistics(
    String name, String pattern, long delivered, long failed, long dropped, long queued,
    long queueFull) {

  /**
   * A snapshot without a queue-full count ({@code queueFull} 0): for buses that have no bounded
   * queue, and for code written before that count existed.
   */
  public SubscriptionStatistics(
      String name, String pattern, long delivered, long failed, long dropped, long queued) {
    this(name, pattern, delivered, failed, dropped, queued, 0);
  }
}
