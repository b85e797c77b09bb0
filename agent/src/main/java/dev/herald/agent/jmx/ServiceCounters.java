package dev.herald.agent.jmx;

import dev.herald.agent.config.ServiceEntry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the calls of each {@code services} entry's write methods, for {@link ServiceEntryMXBean}.
 * Counters are kept by the entry's {@code class} value, so an entry keeps its count when the
 * config is reloaded with other entries added or removed around it. The agent's dispatcher
 * increments the counter of {@link #forEntry} once per call that emits events (enabled entry,
 * someone listening, not nested in a write of the same entity and operation).
 *
 * <p>Safe for concurrent use; the counters are striped.
 */
public final class ServiceCounters {

  private final ConcurrentHashMap<String, LongAdder> calls;

  /** Counters, sized for about {@code expectedEntries} entries. */
  public ServiceCounters(int expectedEntries) {
    calls = new ConcurrentHashMap<>(Math.max(expectedEntries, 1) * 2);
  }

  /** The counter of {@code entry}, created on first use; resolve it once, not per call. */
  public LongAdder forEntry(ServiceEntry entry) {
    return calls.computeIfAbsent(entry.classPattern(), pattern -> new LongAdder());
  }

  /** Calls seen for {@code entry}, or 0 if none was counted. */
  public long calls(ServiceEntry entry) {
    LongAdder adder = calls.get(entry.classPattern());
    return adder == null ? 0 : adder.sum();
  }

  /** Calls seen over all entries. */
  public long total() {
    long sum = 0;
    for (LongAdder adder : calls.values()) {
      sum += adder.sum();
    }
    return sum;
  }
}
