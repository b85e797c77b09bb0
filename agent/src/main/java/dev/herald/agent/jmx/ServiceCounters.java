package dev.herald.agent.jmx;

import dev.herald.agent.bus.ThreadCounters;
import dev.herald.agent.config.ServiceEntry;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the calls of each {@code services} entry's write methods, for {@link ServiceEntryMXBean}.
 * Counters are kept by the entry's {@code class} value, so an entry keeps its count when the
 * config is reloaded with other entries added or removed around it. The agent's dispatcher
 * increments the counter of {@link #forEntry} once per call that emits events (enabled entry,
 * someone listening, not nested in a write of the same entity and operation).
 *
 * <p>Safe for concurrent use; each thread counts in its own cells ({@link ThreadCounters}).
 */
public final class ServiceCounters {

  private final ConcurrentHashMap<String, Integer> slots;

  /** Counters, sized for about {@code expectedEntries} entries. */
  public ServiceCounters(int expectedEntries) {
    slots = new ConcurrentHashMap<>(Math.max(expectedEntries, 1) * 2);
  }

  /**
   * The {@link ThreadCounters} slot of {@code entry}'s counter, created on first use; resolve it
   * once, not per call. A call is counted with {@code cells.add(slot, 1)} on the calling thread.
   */
  public int forEntry(ServiceEntry entry) {
    return slots.computeIfAbsent(entry.classPattern(), pattern -> ThreadCounters.newSlot());
  }

  /** Calls seen for {@code entry}, or 0 if none was counted. */
  public long calls(ServiceEntry entry) {
    Integer slot = slots.get(entry.classPattern());
    return slot == null ? 0 : ThreadCounters.sum(slot);
  }
}
