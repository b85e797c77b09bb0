package dev.herald.plugin.kit;

import dev.herald.api.EventBus;
import dev.herald.api.PluginContext;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link PluginContext} for tests: the bus, settings and base folder a test chooses.
 *
 * <p>The settings are copied into an unmodifiable map that keeps their order and their null
 * values, as the agent hands them over; nested lists and maps are used as given. Immutable and
 * safe for concurrent use.
 *
 * @param bus the bus the plugin subscribes on; never null
 * @param config the plugin's settings; never null, values String, Boolean, Long, Double, List, Map
 *     or null
 * @param baseDirectory the folder relative paths resolve against; never null
 */
public record TestPluginContext(EventBus bus, Map<String, Object> config, Path baseDirectory)
    implements PluginContext {

  /** Checks for nulls and copies {@code config}. */
  public TestPluginContext {
    Objects.requireNonNull(bus, "bus");
    // not Map.copyOf: YAML gives null values (key: or ~), which it refuses, and it loses the order
    config = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(config, "config")));
    Objects.requireNonNull(baseDirectory, "baseDirectory");
  }
}
