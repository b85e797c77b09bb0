package dev.herald.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One parsed and validated Herald config file. Made by {@link ConfigLoader}; see the package
 * documentation for the format.
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param file the config file as the user named it; null only for {@link #empty(Path) empty(null)}
 * @param services the service entries in file order; a class matched by two takes the first
 * @param bus the bus settings, defaults where absent
 * @param plugins the plugin settings
 * @param context the MDC keys for actor, user id and trace id
 * @param log the agent's own log settings
 * @param onConfigError what to do when a config is broken
 * @param reload whether to watch the file for changes (key {@code reload}, default false)
 * @param reloadInterval how often to check it (key {@code reload-interval}, default 2s; positive)
 */
public record HeraldConfig(
    Path file,
    List<ServiceEntry> services,
    BusSettings bus,
    PluginSettings plugins,
    ContextSettings context,
    LogSettings log,
    OnConfigError onConfigError,
    boolean reload,
    Duration reloadInterval) {

  /** Default {@code reload-interval}: 2 seconds. */
  public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(2);

  public HeraldConfig {
    services = List.copyOf(services);
    Objects.requireNonNull(bus, "bus");
    Objects.requireNonNull(plugins, "plugins");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(onConfigError, "onConfigError");
    Objects.requireNonNull(reloadInterval, "reloadInterval");
  }

  /** A config without {@code reload} settings (reload off, interval 2s). */
  public HeraldConfig(
      Path file,
      List<ServiceEntry> services,
      BusSettings bus,
      PluginSettings plugins,
      ContextSettings context,
      LogSettings log,
      OnConfigError onConfigError) {
    this(file, services, bus, plugins, context, log, onConfigError, false, DEFAULT_RELOAD_INTERVAL);
  }

  /**
   * A config with no services and every default, for when there is no file or it is broken and
   * the application runs on. It has no plugin folder either: nothing is loaded.
   *
   * @param file the file that was meant, or null
   */
  public static HeraldConfig empty(Path file) {
    return new HeraldConfig(file, List.of(), BusSettings.DEFAULTS, PluginSettings.NONE,
        ContextSettings.NONE, LogSettings.UNCHANGED, OnConfigError.CONTINUE);
  }

  /** This config with {@code services} in place of its own. */
  public HeraldConfig withServices(List<ServiceEntry> services) {
    return new HeraldConfig(file, services, bus, plugins, context, log, onConfigError, reload, reloadInterval);
  }
}
