package dev.herald.plugin.kit;

import dev.herald.api.EventBus;
import dev.herald.api.PluginContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link PluginContext} for tests: the bus, settings and base folder a test chooses.
 *
 * <p>The settings are copied into an unmodifiable map that keeps their order and their null
 * values, and their values are given the types the agent's YAML loading gives them, so that a
 * plugin's tests see what production sees: {@code Integer}, {@code Short} and {@code Byte} become
 * {@code Long} (a YAML integer is a {@code Long}), {@code Float} becomes {@code Double}, and nested
 * maps and lists are copied the same way into unmodifiable ones. {@code Map.of("port", 9000)} thus
 * gives the plugin a {@code Long}, and a plugin that casts it to {@code Integer} fails here as it
 * would in production. Other values are kept as given. Immutable and safe for concurrent use.
 *
 * @param bus the bus the plugin subscribes on; never null
 * @param config the plugin's settings; never null, values String, Boolean, Long, Double, List, Map
 *     or null
 * @param baseDirectory the folder relative paths resolve against; never null
 */
public record TestPluginContext(EventBus bus, Map<String, Object> config, Path baseDirectory)
    implements PluginContext {

  /** Checks for nulls and copies {@code config} as the agent's YAML loading would give it. */
  public TestPluginContext {
    Objects.requireNonNull(bus, "bus");
    config = asLoaded(Objects.requireNonNull(config, "config"));
    Objects.requireNonNull(baseDirectory, "baseDirectory");
  }

  private static Map<String, Object> asLoaded(Map<?, ?> map) {
    // not Map.copyOf: YAML gives null values (key: or ~), which it refuses, and it loses the order
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(String.valueOf(key), asLoaded(value)));
    return Collections.unmodifiableMap(copy);
  }

  private static Object asLoaded(Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    } else if (value instanceof Float number) {
      // through its decimal text: 0.1f as a YAML 0.1 is the double 0.1, not 0.10000000149011612
      return Double.valueOf(number.toString());
    } else if (value instanceof Map<?, ?> map) {
      return asLoaded(map);
    } else if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(asLoaded(item)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }
}
