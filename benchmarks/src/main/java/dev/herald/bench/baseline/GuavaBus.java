package dev.herald.bench.baseline;

import com.google.common.eventbus.AsyncEventBus;
import com.google.common.eventbus.Subscribe;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The Guava baseline: one {@link AsyncEventBus} per JVM on a fixed pool of delivery threads (as
 * many as Herald's default, 2), with counting no-op subscribers. The pool's queue is unbounded, as
 * in Guava's usual setup, so it is never full and never drops; {@link #backlog()} shows how far the
 * consumers fall behind.
 *
 * <p>Safe for concurrent use.
 */
public final class GuavaBus {

  /** The JVM's bus, used by the AspectJ aspect and the JDK proxy alike. */
  public static final GuavaBus INSTANCE = new GuavaBus(2);

  private final ThreadPoolExecutor executor;
  private final AsyncEventBus bus;
  // one count per subscriber, each alone on its cache lines (the middle of a 256-byte array), as
  // for Herald's listeners: a shared counter next to what the publisher reads is false sharing
  private final List<AtomicLongArray> counts = new CopyOnWriteArrayList<>();

  GuavaBus(int threads) {
    executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread thread = new Thread(r, "guava-delivery");
      thread.setDaemon(true);
      return thread;
    });
    bus = new AsyncEventBus("bench", executor);
  }

  /** Registers {@code count} counting no-op subscribers. */
  public void subscribe(int count) {
    for (int i = 0; i < count; i++) {
      AtomicLongArray slot = new AtomicLongArray(32);
      counts.add(slot);
      bus.register(new Counter(slot));
    }
  }

  public void post(BenchEvent event) {
    bus.post(event);
  }

  /** Events handed to subscribers so far, all subscribers together. */
  public long delivered() {
    long sum = 0;
    for (AtomicLongArray count : counts) {
      sum += count.get(16);
    }
    return sum;
  }

  /** Deliveries waiting in the executor's queue. */
  public int backlog() {
    return executor.getQueue().size();
  }

  /** Waits, polling, until nothing is queued or running; false after {@code timeoutNanos}. */
  public boolean awaitIdle(long timeoutNanos) {
    long deadline = System.nanoTime() + timeoutNanos;
    while (!executor.getQueue().isEmpty() || executor.getActiveCount() > 0) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.onSpinWait();
      Thread.yield();
    }
    return true;
  }

  static final class Counter {
    private final AtomicLongArray count;

    Counter(AtomicLongArray count) {
      this.count = count;
    }

    @Subscribe
    public void onEvent(BenchEvent event) {
      count.incrementAndGet(16); // Guava may call one subscriber from both pool threads
    }
  }
}
