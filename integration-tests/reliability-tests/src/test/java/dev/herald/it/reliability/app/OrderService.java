package dev.herald.it.reliability.app;

import java.util.concurrent.atomic.LongAdder;

/**
 * The instrumented service: {@code create} is a write operation by name, so the agent makes every
 * call emit {@code order.before.create} and {@code order.after.create}. Counts its own calls, so a
 * scenario can tell calls the service saw from events the bus saw. Safe for concurrent use.
 */
public class OrderService {

  private final LongAdder calls = new LongAdder();

  /** Returns {@code id + 1}: a result the caller can check, so a corrupted call would show. */
  public long create(long id) {
    calls.increment();
    return id + 1;
  }

  /** How many times {@code create} ran; not a write operation, so not instrumented. */
  public long calls() {
    return calls.sum();
  }
}
