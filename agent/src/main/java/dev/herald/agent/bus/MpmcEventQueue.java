package dev.herald.agent.bus;

import dev.herald.api.Event;
import org.jctools.queues.atomic.MpmcAtomicArrayQueue;

/**
 * The queue of a drop-oldest subscription, where publishers evict: JCTools' many-to-many queue.
 * Safe for concurrent use.
 */
final class MpmcEventQueue implements EventQueue {

  private final MpmcAtomicArrayQueue<Event> queue;

  MpmcEventQueue(int capacity) {
    queue = new MpmcAtomicArrayQueue<>(capacity);
  }

  @Override
  public boolean offer(Event event) {
    return queue.offer(event);
  }

  @Override
  public Event poll() {
    return queue.poll();
  }

  @Override
  public Event relaxedPoll() {
    return queue.relaxedPoll();
  }

  @Override
  public boolean isEmpty() {
    return queue.isEmpty();
  }

  @Override
  public int size() {
    return queue.size();
  }

  @Override
  public int capacity() {
    return queue.capacity();
  }

  @Override
  public long producerIndex() {
    return queue.currentProducerIndex();
  }

  @Override
  public long consumerIndex() {
    return queue.currentConsumerIndex();
  }
}
