package dev.herald.agent.cli;

import dev.herald.agent.config.ServiceEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which {@code methods} keys of an entry match a method name. Each key is tried through a
 * one-key {@link ServiceEntry}, so that the glob rules are exactly the config's own.
 */
final class MethodKeys {

  private MethodKeys() {}

  /** The keys of {@code entry.methods()} that match {@code methodName}, in file order. */
  static List<String> matching(ServiceEntry entry, String methodName) {
    List<String> keys = new ArrayList<>();
    for (Map.Entry<String, String> mapping : entry.methods().entrySet()) {
      ServiceEntry single = new ServiceEntry(0, 0, "x.Probe", "probe",
          Map.of(mapping.getKey(), mapping.getValue()), false, true);
      if (single.operationFor(methodName) != null) {
        keys.add(mapping.getKey());
      }
    }
    return keys;
  }
}
