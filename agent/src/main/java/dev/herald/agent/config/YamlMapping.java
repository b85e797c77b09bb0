package dev.herald.agent.config;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * A YAML mapping whose keys have been checked: each is a plain name, appears once, and (when the
 * section has a fixed set of keys) is known. Bad keys are reported and left out.
 */
final class YamlMapping {

  private static final YamlMapping EMPTY = new YamlMapping(Map.of());

  /** Value nodes by key, in file order. */
  private final Map<String, NodeTuple> entries;

  private YamlMapping(Map<String, NodeTuple> entries) {
    this.entries = entries;
  }

  /**
   * Reads {@code node} as a mapping. An empty value ({@code bus:}) is an empty mapping; anything
   * else that is not a mapping is reported and read as empty.
   *
   * @param where the section for messages: "" for the top level, else e.g. "services[0]"
   * @param expected what the section should hold, e.g. "a mapping of bus settings"
   * @param known the allowed keys, or null to allow any
   */
  static YamlMapping read(Node node, String where, String expected, Collection<String> known,
      Problems problems) {
    if (Values.isNull(node)) {
      return EMPTY;
    }
    if (!(node instanceof MappingNode mapping)) {
      problems.at(node, where + ": expected " + expected + ", found " + Values.describe(node));
      return EMPTY;
    }
    String in = where.isEmpty() ? " at the top level" : " in " + where;
    Map<String, NodeTuple> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
        problems.at(tuple.getKeyNode(),
            "expected a key name" + in + ", found " + Values.describe(tuple.getKeyNode()));
        continue;
      }
      String key = keyNode.getValue();
      NodeTuple first = entries.get(key);
      if (first != null) {
        problems.at(keyNode, "duplicate key '" + key + "'" + (where.isEmpty() ? "" : in)
            + " (first at line " + line(first.getKeyNode()) + ")");
      } else if (known != null && !known.contains(key)) {
        String nearest = KeySuggestions.nearest(key, known).orElse(null);
        problems.at(keyNode, "unknown key '" + key + "'" + in + (nearest != null
            ? "; did you mean '" + nearest + "'?"
            : "; known keys: " + String.join(", ", known)));
        // remember it anyway, so that a duplicate of an unknown key is not reported twice as unknown
        entries.put(key, tuple);
      } else {
        entries.put(key, tuple);
      }
    }
    if (known != null) {
      entries.keySet().retainAll(known);
    }
    return new YamlMapping(Collections.unmodifiableMap(entries));
  }

  /**
   * The value of {@code key}, or null if the key is absent. (Plain code, not an {@code Optional}
   * chain: every lambda read here is one more class spun before the application's main.)
   */
  Node get(String key) {
    NodeTuple tuple = entries.get(key);
    return tuple == null ? null : tuple.getValueNode();
  }

  boolean has(String key) {
    return entries.containsKey(key);
  }

  /** The checked entries in file order. */
  Collection<NodeTuple> tuples() {
    return entries.values();
  }

  /** The 1-based line where {@code node} starts, or 0 if unknown. */
  static int line(Node node) {
    return node.getStartMark().isPresent() ? node.getStartMark().get().getLine() + 1 : 0;
  }
}
