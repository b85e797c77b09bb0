package dev.herald.agent.instrument;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Numbers the instrumented methods. Ids are assigned when a class is transformed and compiled into
 * its code as constants; {@link #get} is an array read on the hot path.
 *
 * <p>The same method of a class of the same name, transformed again (retransformation, or another
 * class loader), gets the same id. Safe for concurrent use.
 */
final class SiteRegistry {

  private final Map<String, Integer> ids = new HashMap<>();
  private volatile Site[] sites = new Site[256];
  private int size;

  /** The id of {@code methodName} with {@code descriptor} in {@code typeName}, registering it if new. */
  synchronized int register(String typeName, String methodName, String descriptor) {
    String key = typeName + '#' + methodName + descriptor;
    Integer id = ids.get(key);
    if (id != null) {
      return id;
    }
    Site[] current = sites;
    if (size == current.length) {
      current = Arrays.copyOf(current, size * 2);
    }
    current[size] = new Site(typeName, methodName);
    sites = current; // publishes the new entry
    ids.put(key, size);
    return size++;
  }

  /** {@link Site#forget Forgets} the class each site resolved last; a few hundred stores. */
  void forgetResolvedTypes() {
    Site[] current = sites;
    for (Site site : current) {
      if (site != null) {
        site.forget();
      }
    }
  }

  /** The site with {@code id}, or null if there is none. */
  Site get(int id) {
    Site[] current = sites;
    return id >= 0 && id < current.length ? current[id] : null;
  }
}
