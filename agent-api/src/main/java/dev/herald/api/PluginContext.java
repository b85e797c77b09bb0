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
   * The bus. Subscriptions made through it are named after the plugin, run their listeners with
   * the plugin's class loader as context class loader, and are closed when the plugin stops.
   * Never null.
   *
   * <p>Once the plugin has been stopped (after its {@link HeraldPlugin#stop()} returned or timed
   * out) or its start has failed, {@link EventBus#on} of this bus throws {@link
   * IllegalStateException}: a subscription made then would outlive the plugin.
   */
  EventBus bus();

  /**
   * The plugin's settings: {@code plugins.config.<name>} from the config file, with {@code ${VAR}}
   * references already resolved, in the file's key order. Values are {@code String}, {@code
   * Boolean}, {@code Long}, {@code Double}, {@code List}, {@code Map} or null (YAML {@code key:},
   * {@code ~} or {@code null}), and so are the items of lists and maps; unmodifiable; empty if the
   * config has no entry. Never null.
   */
  Map<String, Object> config();

  /**
   * The folder relative paths in the plugin's settings are resolved against: the folder of the
   * config file. Never null.
   */
  Path baseDirectory();
}
