package dev.herald.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Turns the composed YAML tree of one file into a {@link HeraldConfig}, collecting problems. */
final class ConfigReader {

  static final List<String> KEYS = List.of("services", "bus", "plugins", "context", "log",
      "on-config-error", "reload", "reload-interval");
  private static final List<String> ON_CONFIG_ERROR = List.of("continue", "exit");

  private final Path file;
  private final Path configDir;
  private final Problems problems;
  private final Values values;

  ConfigReader(Path file, Problems problems, Function<String, String> env) {
    this.file = file;
    Path parent = file.toAbsolutePath().getParent();
    this.configDir = parent == null ? file.toAbsolutePath() : parent;
    this.problems = problems;
    this.values = new Values(problems, env);
  }

  /** The config in {@code root}, or null if there were problems (then they are in problems). */
  HeraldConfig read(Node root) {
    refuseTags(root, Collections.newSetFromMap(new IdentityHashMap<>()));
    if (!(root instanceof MappingNode)) {
      problems.at(root, "expected a mapping of settings at the top level (services, bus, "
          + "plugins, ...), found " + Values.describe(root));
      return null;
    }
    YamlMapping top = YamlMapping.read(root, "", "a mapping", KEYS, problems);
    // Plain ifs rather than Optional chains: each lambda costs a class spun before main.
    // Read first, so that a broken file still honours on-config-error: exit.
    OnConfigError onError = OnConfigError.CONTINUE;
    Node node = top.get("on-config-error");
    String choice = node == null ? null : values.choice(node, "on-config-error", ON_CONFIG_ERROR);
    if (choice != null) {
      onError = OnConfigError.valueOf(choice.toUpperCase(Locale.ROOT));
    }
    problems.onConfigError(onError);
    SectionsReader sections = new SectionsReader(values);
    node = top.get("services");
    List<ServiceEntry> services = node == null ? List.of()
        : orElse(new ServicesReader(values).read(node), List.of());
    node = top.get("bus");
    BusSettings bus = node == null ? BusSettings.DEFAULTS
        : orElse(sections.bus(node), BusSettings.DEFAULTS);
    PluginSettings plugins = new PluginsReader(values, sections)
        .read(top.get("plugins"), configDir);
    node = top.get("context");
    ContextSettings context = node == null ? ContextSettings.NONE
        : orElse(sections.context(node), ContextSettings.NONE);
    node = top.get("log");
    LogSettings log = node == null ? LogSettings.UNCHANGED
        : orElse(sections.log(node, configDir), LogSettings.UNCHANGED);
    node = top.get("reload");
    Boolean reload = node == null ? Boolean.FALSE
        : orElse(values.bool(node, "reload"), Boolean.FALSE);
    node = top.get("reload-interval");
    Duration reloadInterval = node == null ? HeraldConfig.DEFAULT_RELOAD_INTERVAL
        : orElse(values.duration(node, "reload-interval", true),
            HeraldConfig.DEFAULT_RELOAD_INTERVAL);
    if (!problems.isEmpty()) {
      return null;
    }
    return new HeraldConfig(file, services, bus, plugins, context, log, onError, reload,
        reloadInterval);
  }

  /**
   * Reports every explicit tag ({@code !!javax.script.ScriptEngineManager}, {@code !foo}): Herald
   * never constructs types from YAML, and a tag that silently did nothing would mislead.
   */
  private void refuseTags(Node node, Set<Node> seen) {
    if (node == null || !seen.add(node)) {
      return;
    }
    if (!node.isResolved()) {
      problems.at(node, "tag '" + shortTag(node.getTag()) + "' is not allowed; Herald reads "
          + "plain YAML values and never constructs types from tags");
    }
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        refuseTags(tuple.getKeyNode(), seen);
        refuseTags(tuple.getValueNode(), seen);
      }
    } else if (node instanceof SequenceNode sequence) {
      for (Node item : sequence.getValue()) {
        refuseTags(item, seen);
      }
    }
  }

  /**
   * {@code value}, or {@code fallback} when it is null: what {@code Optional.map(...).orElse(...)}
   * gave, since a read that fails reports its problem and returns null.
   */
  static <T> T orElse(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static String shortTag(Tag tag) {
    String value = tag.getValue();
    return value.startsWith(Tag.PREFIX) ? "!!" + value.substring(Tag.PREFIX.length()) : value;
  }
}
