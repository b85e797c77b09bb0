package dev.herald.bench.baseline;

import dev.herald.bench.service.Accounts;
import java.util.concurrent.locks.LockSupport;

/**
 * Baseline (i): the floor's work (h) and a lock-free hand-off of its two stamps, without Herald
 * around it: each is claimed and filled into an {@link MpscRing} (Herald's queue algorithm,
 * capacity 8192 as Herald's default), and one consumer thread takes them, napping 100 µs when it
 * finds none, as Herald's delivery threads do. What no agent with one bounded many-publishers
 * queue can go under on this machine: case (c) minus this is what Herald adds on top of the
 * hand-off (finding the call's binding, its call stack, counters, routing).
 *
 * <p>Safe for one calling thread, as the benchmark calls it.
 */
public final class MpscAccounts implements Accounts {

  private final Accounts target;
  private final MpscRing ring = new MpscRing(8192);

  public MpscAccounts(Accounts target) {
    this.target = target;
    Thread consumer = new Thread(this::consume, "mpsc-consumer");
    consumer.setDaemon(true);
    consumer.start();
  }

  @Override
  public String create(String name) {
    // the floor's very work (h), each stamp handed off instead of kept in a field
    ring.fill(ring.claim(), new FloorAccounts.Stamp(name, System.nanoTime()));
    String result = target.create(name);
    ring.fill(ring.claim(), new FloorAccounts.Stamp(result, System.nanoTime()));
    return result;
  }

  private void consume() {
    while (true) {
      if (ring.poll() == null) {
        LockSupport.parkNanos(100_000);
      }
    }
  }

  /** How often the caller found the ring full (and waited). */
  public long fullCount() {
    return ring.fullCount();
  }

  public long backlog() {
    return ring.backlog();
  }
}
