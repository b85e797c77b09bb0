package dev.herald.agent.plugin;

import dev.herald.api.EventBus;
import dev.herald.api.PluginContext;
import java.nio.file.Path;
import java.util.Map;

/**
 * The context one plugin is started with: its own {@link PluginBus}, its unmodifiable settings and
 * the config file's folder. Immutable.
 */
record DefaultPluginContext(EventBus bus, Map<String, Object> config, Path baseDirectory)
    implements PluginContext {}
