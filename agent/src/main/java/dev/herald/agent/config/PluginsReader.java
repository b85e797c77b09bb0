package dev.herald.agent.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads {@code plugins}: the plugin folder, the start timeout, and each plugin's own settings
 * converted to plain Java values (String, Boolean, Long, Double, List, Map).
 */
final class PluginsReader {

  static final List<String> KEYS = List.of("path", "start", "start-timeout", "config");
  static final String DEFAULT_FOLDER = "plugins";
  /** Deeper than any real settings; stops a recursive alias ({@code &a [*a]}) from looping. */
  private static final int MAX_DEPTH = 32;

  private final Values values;
  private final Problems problems;
  private final SectionsReader sections;

  PluginsReader(Values values, SectionsReader sections) {
    this.values = values;
    this.problems = values.problems();
    this.sections = sections;
  }

  PluginSettings read(Node node, Path configDir) {
    YamlMapping map = YamlMapping.read(node, "plugins", "a mapping with 'path' and 'config'",
        KEYS, problems);
    Path path = null;
    if (map.has("path")) {
      Node pathNode = map.get("path");
      path = sections.path(pathNode, "plugins.path", configDir);
      if (path != null && !Files.isDirectory(path)) {
        Values.Text text = values.text(pathNode, "plugins.path", "a path");
        String spacing = text.spacing();
        String named = text.substituted() ? "the folder named by '" + text.raw() + "'"
            + (spacing == null ? "" : " (its value " + spacing + ")")
            : "folder '" + text.value() + "' (" + path + ")";
        problems.at(pathNode, "plugins.path: " + named
            + (Files.exists(path) ? " is not a folder" : " does not exist"));
      }
    } else {
      Path folder = configDir.resolve(DEFAULT_FOLDER);
      // the default folder is optional: a config without plugins is normal
      path = Files.isDirectory(folder) ? folder : null;
    }
    // Plain code rather than Optional chains: each lambda costs a class spun before main.
    Node n = map.get("start-timeout");
    Duration startTimeout = ConfigReader.orElse(
        n == null ? null : values.duration(n, "plugins.start-timeout", false), PluginSettings.DEFAULT_START_TIMEOUT);
    n = map.get("start");
    String start = n == null ? null : values.choice(n, "plugins.start", PluginSettings.START_CHOICES);
    boolean deferStart = !"immediate".equals(start);
    Map<String, Map<String, Object>> config = new LinkedHashMap<>();
    n = map.get("config");
    if (n != null) {
      readConfig(n, config);
    }
    return new PluginSettings(path, map.has("path"), config, startTimeout, deferStart);
  }

  private void readConfig(Node node, Map<String, Map<String, Object>> config) {
    YamlMapping plugins = YamlMapping.read(node, "plugins.config",
        "a mapping of plugin name to its settings", null, problems);
    for (NodeTuple tuple : plugins.tuples()) {
      String name = ((ScalarNode) tuple.getKeyNode()).getValue();
      String where = "plugins.config." + name;
      YamlMapping settings = YamlMapping.read(tuple.getValueNode(), where,
          "a mapping of the plugin's settings", null, problems);
      Optional<Mark> mark = tuple.getKeyNode().getStartMark(); // no lambda: see read()
      config.put(name, new PlacedSettings(mapping(settings, where, 1),
          mark.isPresent() && problems.file() != null ? problems.file() + ":" + (mark.get().getLine() + 1) : null));
    }
  }

  private Map<String, Object> mapping(YamlMapping map, String where, int depth) {
    Map<String, Object> result = new LinkedHashMap<>();
    for (NodeTuple tuple : map.tuples()) {
      String key = ((ScalarNode) tuple.getKeyNode()).getValue();
      result.put(key, value(tuple.getValueNode(), where + "." + key, depth + 1));
    }
    return Collections.unmodifiableMap(result);
  }

  private Object value(Node node, String where, int depth) {
    if (depth > MAX_DEPTH) {
      problems.at(node, where + ": nested more than " + MAX_DEPTH
          + " levels deep (a recursive alias?)");
      return null;
    }
    if (node instanceof SequenceNode sequence) {
      List<Object> list = new ArrayList<>();
      List<Node> items = sequence.getValue();
      for (int i = 0; i < items.size(); i++) {
        list.add(value(items.get(i), where + "[" + i + "]", depth + 1));
      }
      return Collections.unmodifiableList(list);
    }
    if (!(node instanceof ScalarNode scalar)) {
      return mapping(YamlMapping.read(node, where, "a mapping", null, problems), where, depth);
    }
    Values.Text text = values.text(node, where, "a value");
    if (text == null) {
      return null;
    }
    if (scalar.getScalarStyle() != ScalarStyle.PLAIN) {
      return text.value();
    }
    if (text.substituted() && text.value().isEmpty()) {
      return "";
    }
    Object value = CoreSchema.resolve(text.value());
    if (value == CoreSchema.TOO_LARGE) {
      problems.at(node, where + ": expected a number that fits 64 bits, " + text.found()
          + "; quote it to keep it as text");
      return null;
    }
    return value;
  }
}
