package dev.herald.bench.baseline;

import com.google.common.eventbus.AsyncEventBus;
import com.google.common.eventbus.Subscribe;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
  private final AtomicLong delivered = new AtomicLong();

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
      bus.register(new Counter());
    }
  }

  public void post(BenchEvent event) {
    bus.post(event);
  }

  /** Events handed to subscribers so far, all subscribers together. */
  public long delivered() {
    return delivered.get();
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

  final class Counter {
    @Subscribe
    public void onEvent(BenchEvent event) {
      delivered.incrementAndGet();
    }
  }
}
