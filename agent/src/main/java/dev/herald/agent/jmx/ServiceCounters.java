package dev.herald.agent.jmx;

import dev.herald.agent.config.ServiceEntry;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the calls of each {@code services} entry's write methods, for {@link ServiceEntryMXBean}.
 * The agent's dispatcher calls {@link #onCall} once per call that emits events (enabled entry,
 * someone listening, not nested in a write of the same entity and operation).
 *
 * <p>Safe for concurrent use; {@link #onCall} is a striped counter increment and never throws.
 */
public final class ServiceCounters {

  private final LongAdder[] calls;

  /** Counters for entries {@code 0 .. entries - 1}. */
  public ServiceCounters(int entries) {
    calls = new LongAdder[entries];
    for (int i = 0; i < entries; i++) {
      calls[i] = new LongAdder();
    }
  }

  /** Counts one call of a write method of {@code entry}; ignores null and unknown entries. */
  public void onCall(ServiceEntry entry) {
    if (entry != null && entry.index() >= 0 && entry.index() < calls.length) {
      calls[entry.index()].increment();
    }
  }

  /** Calls seen for entry {@code index}, or 0 if there is no such entry. */
  public long calls(int index) {
    return index >= 0 && index < calls.length ? calls[index].sum() : 0;
  }

  /** Calls seen over all entries. */
  public long total() {
    long sum = 0;
    for (LongAdder adder : calls) {
      sum += adder.sum();
    }
    return sum;
  }
}
