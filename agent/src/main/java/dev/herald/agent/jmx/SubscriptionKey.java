package dev.herald.agent.jmx;

import dev.herald.api.SubscriptionStatistics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Tells live subscriptions apart in a statistics snapshot: name, pattern, and which of equal ones (0, 1, ...). */
record SubscriptionKey(String name, String pattern, int ordinal) {

  /** The keys of a snapshot's subscriptions, in its order. */
  static List<SubscriptionKey> of(List<SubscriptionStatistics> snapshot) {
    Map<String, Integer> seen = new HashMap<>();
    List<SubscriptionKey> keys = new ArrayList<>(snapshot.size());
    for (SubscriptionStatistics stats : snapshot) {
      int ordinal = seen.merge(stats.name() + '\n' + stats.pattern(), 1, Integer::sum) - 1;
      keys.add(new SubscriptionKey(stats.name(), stats.pattern(), ordinal));
    }
    return keys;
  }

  /** The ObjectName properties: {@code name="audit-log:AuditListener",pattern="*.*.*"}, and {@code n} when not the first. */
  String objectNameProperties() {
    return "name=" + javax.management.ObjectName.quote(name) + ",pattern=" + javax.management.ObjectName.quote(pattern)
        + (ordinal == 0 ? "" : ",n=" + ordinal);
  }
}
