package dev.herald.agent.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a method name to its operation for one service entry: the {@code methods} entries first
 * (the first in file order that matches, exact names and globs alike), then, with {@code
 * defaults}, the six default operations by exact name.
 *
 * <p>Exact names are a hash lookup; only globs written before the exact hit are tried. Immutable
 * and thread-safe.
 */
final class MethodTable {

  private record Exact(int order, String operation) {}

  private record Glob(int order, NameGlob glob, String operation) {}

  private final Map<String, Exact> exact = new HashMap<>();
  private final List<Glob> globs = new ArrayList<>();
  private final boolean defaults;

  /** @param methods method name or glob to operation, in file order; names already checked */
  MethodTable(Map<String, String> methods, boolean defaults) {
    this.defaults = defaults;
    int order = 0;
    for (Map.Entry<String, String> entry : methods.entrySet()) {
      if (NameGlob.isGlob(entry.getKey())) {
        globs.add(new Glob(order, NameGlob.compile(entry.getKey()), entry.getValue()));
      } else {
        exact.put(entry.getKey(), new Exact(order, entry.getValue()));
      }
      order++;
    }
  }

  String operationFor(String methodName) {
    Exact hit = exact.get(methodName);
    int limit = hit == null ? Integer.MAX_VALUE : hit.order();
    for (Glob glob : globs) {
      if (glob.order() > limit) {
        break;
      }
      if (glob.glob().matches(methodName)) {
        return glob.operation();
      }
    }
    if (hit != null) {
      return hit.operation();
    }
    return defaults && ServiceEntry.DEFAULT_OPERATIONS.contains(methodName) ? methodName : null;
  }
}
