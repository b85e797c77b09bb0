package dev.herald.agent.jmx;

import dev.herald.api.EventListener;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The slowest listener call of each subscription, by subscription name and pattern (two
 * subscriptions sharing both share a figure). A subscription is measured when its listener was
 * wrapped with {@link #timed} as it subscribed.
 *
 * <p>Safe for concurrent use. The wrapper adds two {@code System.nanoTime()} calls and, rarely, a
 * compare-and-set per delivery, on the delivery thread, never on the publisher's.
 */
public final class DeliveryTimes {

  private final ConcurrentHashMap<Key, AtomicLong> slowest = new ConcurrentHashMap<>();

  /** Wraps {@code listener} so that its calls are timed under {@code subscriptionName} and {@code pattern}. */
  public EventListener timed(String subscriptionName, String pattern, EventListener listener) {
    AtomicLong max = slowest.computeIfAbsent(new Key(subscriptionName, pattern), key -> new AtomicLong());
    return event -> {
      long start = System.nanoTime();
      try {
        listener.onEvent(event);
      } finally {
        long took = System.nanoTime() - start;
        long seen = max.get();
        while (took > seen && !max.compareAndSet(seen, took)) {
          seen = max.get();
        }
      }
    };
  }

  /** The slowest call under {@code subscriptionName} and {@code pattern} in milliseconds, or -1 if not measured. */
  public double slowestMillis(String subscriptionName, String pattern) {
    AtomicLong max = slowest.get(new Key(subscriptionName, pattern));
    return max == null ? -1 : max.get() / 1_000_000.0;
  }

  private record Key(String name, String pattern) {}
}
