package dev.herald.bench.baseline;

import dev.herald.bench.service.Accounts;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Baseline (e): the hand-off a careful engineer writes by hand: wrap the call, put a before and an
 * after event into an {@link ArrayBlockingQueue} (capacity 8192, Herald's default), one consumer
 * thread takes them. When {@code offer} finds the queue full the caller counts it and blocks in
 * {@code put}, so nothing is dropped.
 *
 * <p>Safe for concurrent use.
 */
public final class AbqAccounts implements Accounts {

  private final Accounts target;
  private final ArrayBlockingQueue<BenchEvent> queue = new ArrayBlockingQueue<>(8192);
  private final AtomicLong full = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();

  public AbqAccounts(Accounts target) {
    this.target = target;
    Thread consumer = new Thread(this::consume, "abq-consumer");
    consumer.setDaemon(true);
    consumer.start();
  }

  @Override
  public String create(String name) {
    Object[] args = {name};
    hand(new BenchEvent("account.before.create", args, null, System.nanoTime()));
    String result = target.create(name);
    hand(new BenchEvent("account.after.create", args, result, System.nanoTime()));
    return result;
  }

  private void hand(BenchEvent event) {
    if (!queue.offer(event)) {
      full.incrementAndGet();
      try {
        queue.put(event);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void consume() {
    try {
      while (true) {
        queue.take();
        delivered.lazySet(delivered.get() + 1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How often a caller found the queue full (and waited). */
  public long fullCount() {
    return full.get();
  }

  public int backlog() {
    return queue.size();
  }
}
