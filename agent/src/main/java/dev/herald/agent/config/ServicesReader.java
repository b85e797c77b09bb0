package dev.herald.agent.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads {@code services}: a list of entries, each checked for every problem before the next. */
final class ServicesReader {

  static final List<String> KEYS = List.of("class", "entity", "methods", "defaults", "enabled");

  private final Values values;
  private final Problems problems;

  ServicesReader(Values values) {
    this.values = values;
    this.problems = values.problems();
  }

  /** The valid entries; problems of the others are reported. An empty value is an empty list. */
  List<ServiceEntry> read(Node node) {
    if (Values.isNull(node)) {
      return List.of();
    }
    if (!(node instanceof SequenceNode sequence)) {
      problems.at(node, "services: expected a list of entries ('- class: ...'), found "
          + Values.describe(node));
      return List.of();
    }
    List<ServiceEntry> entries = new ArrayList<>();
    List<Node> items = sequence.getValue();
    for (int i = 0; i < items.size(); i++) {
      ServiceEntry entry = entry(i, items.get(i));
      if (entry != null) {
        entries.add(entry);
      }
    }
    return entries;
  }

  private ServiceEntry entry(int index, Node node) {
    String where = "services[" + index + "]";
    if (Values.isNull(node)) {
      problems.at(node, where + ": expected a mapping with 'class' and 'entity', found nothing");
      return null;
    }
    YamlMapping map = YamlMapping.read(node, where, "a mapping with 'class' and 'entity'", KEYS,
        problems);
    // Plain code rather than Optional chains and method references: each lambda costs a class
    // spun before main. A read that fails reports its problem and returns null.
    Node n = map.get("class");
    String pattern = n == null ? null
        : name(n, where + ".class", ServiceNames.CLASS_EXPECTED, NameRule.CLASS);
    n = map.get("entity");
    String entity = n == null ? null
        : name(n, where + ".entity", ServiceNames.ENTITY_EXPECTED, NameRule.ENTITY);
    if (node instanceof MappingNode) {
      if (!map.has("class")) {
        problems.at(node, where + ": missing 'class' (the class name or glob to instrument)");
      }
      if (!map.has("entity")) {
        problems.at(node, where + ": missing 'entity' (the event prefix, or auto)");
      }
    }
    n = map.get("methods");
    Map<String, ServiceEntry.Place> places = new LinkedHashMap<>();
    Map<String, String> methods = n == null ? Map.of() : methods(n, where, places);
    n = map.get("defaults");
    Boolean defaults = n == null ? Boolean.TRUE : values.bool(n, where + ".defaults");
    n = map.get("enabled");
    Boolean enabled = n == null ? Boolean.TRUE : values.bool(n, where + ".enabled");
    if (pattern == null || entity == null || methods == null || defaults == null
        || enabled == null) {
      return null;
    }
    int line = YamlMapping.line(node);
    return new ServiceEntry(index, line, pattern, entity, methods, defaults, enabled, places);
  }

  /** The methods map, or null if any of it is wrong; where each key is written goes into {@code places}. */
  private Map<String, String> methods(Node node, String where, Map<String, ServiceEntry.Place> places) {
    String section = where + ".methods";
    if (!Values.isNull(node) && !(node instanceof MappingNode)) {
      problems.at(node, section + ": expected a mapping of method name or glob to operation "
          + "({ placeOrder: create }), found " + Values.describe(node));
      return null;
    }
    YamlMapping map = YamlMapping.read(node, section, "a mapping", null, problems);
    Map<String, String> methods = new LinkedHashMap<>();
    boolean ok = true;
    for (NodeTuple tuple : map.tuples()) {
      String method = ((ScalarNode) tuple.getKeyNode()).getValue();
      String problem = ServiceNames.methodProblem(method);
      if (problem != null) {
        problems.at(tuple.getKeyNode(), section + ": expected " + ServiceNames.METHOD_EXPECTED
            + ", found '" + method + "': " + problem);
        ok = false;
      }
      String operation = name(tuple.getValueNode(), section + "." + method,
          ServiceNames.OPERATION_EXPECTED, NameRule.OPERATION);
      if (operation == null) {
        ok = false;
      } else {
        methods.put(method, operation);
        Node key = tuple.getKeyNode();
        if (key.getStartMark().isPresent()) {
          places.put(method, new ServiceEntry.Place(key.getStartMark().get().getLine() + 1,
              key.getStartMark().get().getColumn() + 1));
        }
      }
    }
    return ok ? methods : null;
  }

  /** A substituted name checked by {@code rule}; null after reporting a problem. */
  private String name(Node node, String where, String expected, NameRule rule) {
    Values.Text text = values.text(node, where, expected);
    if (text == null) {
      return null;
    }
    String problem = rule.problem(text.value());
    if (problem != null) {
      // a reason may quote part of the value, so a value from the environment gets none
      problems.at(node, where + ": expected " + expected + ", " + text.found()
          + (text.substituted() || text.isEmpty() ? "" : ": " + problem));
      return null;
    }
    return text.value();
  }

  /** Which {@link ServiceNames} rule a name follows: an enum, not method references (see entry). */
  private enum NameRule {
    CLASS, ENTITY, OPERATION;

    String problem(String name) {
      // comparisons, not a switch, which would add a class of its own
      return this == CLASS ? ServiceNames.classProblem(name)
          : this == ENTITY ? ServiceNames.entityProblem(name)
          : ServiceNames.operationProblem(name);
    }
  }
}
