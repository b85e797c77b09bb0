package dev.herald.agent.bus;

import dev.herald.api.Event;

/**
 * A subscription's bounded queue. Any thread offers; one thread at a time takes (the holder of the
 * subscription's claim), except that under drop-oldest a publisher also takes, to evict. Indices
 * count every offer and take since the queue was made.
 *
 * <p>Safe for concurrent use, within those rules.
 */
interface EventQueue {

  /** Queues {@code event}; false if the queue is full. */
  boolean offer(Event event);

  /** The oldest event, or null if none is queued (waits out an offer caught half-way). */
  Event poll();

  /** As {@link #poll}, but may return null while an offer is half-way: for the delivery loop. */
  Event relaxedPoll();

  boolean isEmpty();

  int size();

  int capacity();

  /** How many offers have claimed a slot. */
  long producerIndex();

  /** How many events were taken. */
  long consumerIndex();

  /** The queue for {@code policy}: one that publishers may also take from under drop-oldest. */
  static EventQueue forPolicy(OverflowPolicy policy, int capacity) {
    return policy == OverflowPolicy.DROP_OLDEST ? new MpmcEventQueue(capacity) : new MpscEventQueue(capacity);
  }
}
