package dev.herald.plugin.kit;

import dev.herald.api.EventBus;
import dev.herald.api.PluginContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link PluginContext} for tests: the bus, settings and base folder a test chooses.
 *
 * <p>The settings are copied into an unmodifiable map, as the agent hands them over; nested lists
 * and maps are used as given. Immutable and safe for concurrent use.
 *
 * @param bus the bus the plugin subscribes on; never null
 * @param config the plugin's settings; never null, values String, Boolean, Long, Double, List or Map
 * @param baseDirectory the folder relative paths resolve against; never null
 */
public record TestPluginContext(EventBus bus, Map<String, Object> config, Path baseDirectory)
    implements PluginContext {

  /** Checks for nulls and copies {@code config}. */
  public TestPluginContext {
    Objects.requireNonNull(bus, "bus");
    config = Map.copyOf(config);
    Objects.requireNonNull(baseDirectory, "baseDirectory");
  }
}
