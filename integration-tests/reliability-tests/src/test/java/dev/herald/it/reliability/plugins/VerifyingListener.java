package dev.herald.it.reliability.plugins;

import dev.herald.api.Event;
import dev.herald.api.EventListener;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts events by phase and checks, per invocation id, that each call's {@code before} arrives
 * exactly once and ahead of exactly one {@code after} or {@code failed}.
 *
 * <p>Synchronized: the bus calls it from one delivery thread at a time, but the report is read at
 * stop on another thread. Events without an invocation id (published from code) are counted apart.
 */
final class VerifyingListener implements EventListener {

  private final BitSet befores = new BitSet();
  private final BitSet outcomes = new BitSet();
  private long before;
  private long after;
  private long failed;
  private long other;
  private long duplicates;
  private long outOfOrder;

  @Override
  public synchronized void onEvent(Event event) {
    long id = event.invocationId();
    if (id <= 0 || id > Integer.MAX_VALUE) {
      other++;
      return;
    }
    int index = (int) id;
    switch (event.phase()) {
      case BEFORE -> {
        before++;
        duplicates += befores.get(index) ? 1 : 0;
        outOfOrder += outcomes.get(index) ? 1 : 0;
        befores.set(index);
      }
      case AFTER, FAILED -> {
        if (event.phase().id().equals("after")) {
          after++;
        } else {
          failed++;
        }
        duplicates += outcomes.get(index) ? 1 : 0;
        outOfOrder += befores.get(index) ? 0 : 1;
        outcomes.set(index);
      }
    }
  }

  /** The counts, keyed {@code <prefix>.before} and so on. */
  synchronized Map<String, Long> counts(String prefix) {
    BitSet unpaired = (BitSet) befores.clone();
    unpaired.xor(outcomes);
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put(prefix + ".before", before);
    counts.put(prefix + ".after", after);
    counts.put(prefix + ".failed", failed);
    counts.put(prefix + ".other", other);
    counts.put(prefix + ".duplicates", duplicates);
    counts.put(prefix + ".outOfOrder", outOfOrder);
    counts.put(prefix + ".unpaired", (long) unpaired.cardinality());
    return counts;
  }
}
