package dev.herald.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The plugins section: {@code plugins: { path, start, start-timeout, config: { <plugin name>: {...} } }}.
 *
 * <p>Immutable; the maps keep file order and are unmodifiable, nested values included.
 *
 * @param path the absolute plugin folder, or null when there is none (no {@code path} key and no
 *     {@code plugins} folder beside the config file)
 * @param pathExplicit true if the file named the folder (then it exists: a missing one is an error)
 * @param config each plugin's settings by plugin name (as read from a file, a {@link PlacedSettings},
 *     which knows its line); values are String, Boolean, Long, Double,
 *     List or Map (YAML 1.2 core schema), or null for an empty value. A plugin without an entry gets
 *     an empty map from {@link #configFor}
 * @param startTimeout the longest a plugin's {@code start} may take; not negative
 * @param deferStart {@code start: deferred} (the default): the plugins start once the application's
 *     own start has settled, or at the first event, whichever comes first; false for {@code start:
 *     immediate}, at once, beside the application's start
 */
public record PluginSettings(Path path, boolean pathExplicit, Map<String, Map<String, Object>> config,
    Duration startTimeout, boolean deferStart) {

  /** The values of {@code start}, the default first. */
  public static final List<String> START_CHOICES = List.of("deferred", "immediate");

  /** Default {@code start-timeout}: 10 seconds. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(10);

  /** No plugin folder, no plugin config. */
  public static final PluginSettings NONE =
      new PluginSettings(null, false, Map.of(), DEFAULT_START_TIMEOUT, true);

  public PluginSettings {
    config = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(config)));
    if (Objects.requireNonNull(startTimeout, "startTimeout").isNegative()) {
      throw new IllegalArgumentException("startTimeout is negative");
    }
  }

  /** The settings of plugin {@code name}: its map under {@code plugins.config}, or an empty map. */
  public Map<String, Object> configFor(String name) {
    return config.getOrDefault(name, Map.of());
  }
}
