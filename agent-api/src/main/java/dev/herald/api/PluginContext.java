package dev.herald.api;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the agent gives a {@link HeraldPlugin} when it starts.
 *
 * <p>Safe for concurrent use; valid for the plugin's lifetime.
 */
public interface PluginContext {

  /**
   * The bus. Subscriptions made through it are named after the plugin and closed when the plugin
   * stops. Never null.
   */
  EventBus bus();

  /**
   * The plugin's settings: {@code plugins.config.<name>} from the config file, with {@code ${VAR}}
   * references already resolved. Values are {@code String}, {@code Boolean}, {@code Long}, {@code
   * Double}, {@code List} or {@code Map}; unmodifiable; empty if the config has no entry. Never null.
   */
  Map<String, Object> config();

  /**
   * The folder relative paths in the plugin's settings are resolved against: the folder of the
   * config file. Never null.
   */
  Path baseDirectory();
}
