package dev.herald.agent.instrument;

import dev.herald.agent.config.ServiceEntry;
import java.util.List;

/**
 * The {@code enabled} flag of each {@code services} entry, by entry index, changeable while the
 * application runs (config reload): a disabled entry stays instrumented and emits nothing.
 *
 * <p>Safe for concurrent use: readers see one consistent array, replaced whole on change.
 */
final class Switches {

  private volatile boolean[] enabled;

  Switches(List<ServiceEntry> entries) {
    enabled = flags(entries);
  }

  boolean enabled(int entryIndex) {
    boolean[] current = enabled;
    return entryIndex < current.length && current[entryIndex];
  }

  void set(List<ServiceEntry> entries) {
    enabled = flags(entries);
  }

  private static boolean[] flags(List<ServiceEntry> entries) {
    boolean[] flags = new boolean[entries.size()];
    for (ServiceEntry entry : entries) {
      flags[entry.index()] = entry.enabled();
    }
    return flags;
  }
}
