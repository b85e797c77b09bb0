package dev.herald.agent.plugin;

import dev.herald.agent.log.AgentLog;
import dev.herald.agent.plugin.LoadedPlugin.State;
import dev.herald.api.EventBus;
import dev.herald.api.HeraldPlugin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.slf4j.Logger;

/**
 * Loads the plugin jars of one folder, starts their plugins, and stops them at the end.
 *
 * <p>{@link #startAll()} loads the {@code *.jar} files of the folder in file-name order, each in
 * its own class loader, and starts each plugin in turn, waiting up to {@code startTimeout} for
 * each. {@link #stopAll(Duration)} stops them in reverse order. Nothing a plugin does is fatal: a
 * broken jar or plugin costs one ERROR line and that plugin, never an exception from here.
 *
 * <p>Threading: both methods may be called from any thread (stopAll typically from a shutdown
 * hook); each does its work once, later calls return at once. Plugin code runs on daemon threads
 * named {@code herald-plugin-start-<name>} and {@code herald-plugin-stop-<name>}.
 */
public final class PluginManager implements AutoCloseable {

  private static final Logger log = AgentLog.get(PluginManager.class);
  private static final long MIN_STOP_NANOS = 100_000_000L;

  private final Path folder;
  private final Map<String, Map<String, Object>> configs;
  private final Path baseDirectory;
  private final Duration startTimeout;
  private final EventBus bus;
  private final NamedSubscriber subscriber;
  private final ClassLoader apiLoader;
  private final List<LoadedPlugin> plugins = new ArrayList<>(); // start order, those worth stopping
  private boolean startCalled;
  private boolean stopCalled;

  /**
   * A manager for the plugins of {@code folder}; nothing is loaded until {@link #startAll()}.
   *
   * @param folder the plugin folder; null for no plugins
   * @param configs each plugin's settings by plugin name ({@code plugins.config}); null for none
   * @param baseDirectory the config file's folder, given to plugins; never null
   * @param startTimeout how long to wait for each plugin's {@code start}; never null
   * @param bus the bus plugins publish to; never null
   * @param subscriber how plugins subscribe, under a name; never null
   */
  public PluginManager(Path folder, Map<String, Map<String, Object>> configs, Path baseDirectory,
      Duration startTimeout, EventBus bus, NamedSubscriber subscriber) {
    this(folder, configs, baseDirectory, startTimeout, bus, subscriber,
        ClassLoader.getPlatformClassLoader());
  }

  /** As above, with {@code apiLoader} as the parent of plugin loaders: it must see the API and the JDK only. */
  PluginManager(Path folder, Map<String, Map<String, Object>> configs, Path baseDirectory,
      Duration startTimeout, EventBus bus, NamedSubscriber subscriber, ClassLoader apiLoader) {
    this.folder = folder;
    this.configs = configs == null ? Map.of() : new LinkedHashMap<>(configs);
    this.baseDirectory = Objects.requireNonNull(baseDirectory, "baseDirectory");
    this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
    this.bus = Objects.requireNonNull(bus, "bus");
    this.subscriber = Objects.requireNonNull(subscriber, "subscriber");
    this.apiLoader = Objects.requireNonNull(apiLoader, "apiLoader");
  }

  /**
   * Loads and starts every plugin, then warns about {@code plugins.config} entries that match no
   * loaded plugin. Returns once each plugin has started, failed, or used up its start timeout.
   * Never throws; runs once.
   */
  public synchronized void startAll() {
    if (startCalled || stopCalled) {
      return;
    }
    startCalled = true;
    List<LoadedPlugin> loaded = folder == null ? List.of() : load();
    for (LoadedPlugin plugin : loaded) {
      PluginLifecycle.start(plugin, new DefaultPluginContext(plugin.bus(), config(plugin.name()),
          baseDirectory), startTimeout);
      plugins.add(plugin);
    }
    warnAboutUnusedConfigs(loaded);
  }

  /**
   * Stops the plugins in reverse start order: for each, calls {@code stop()} (all of them together
   * waiting up to {@code timeout}, each at least 100 ms, so that one hanging plugin cannot hold
   * up the JVM's exit once per plugin), closes its subscriptions, warns about non-daemon threads it left,
   * and closes its jar's class loader once no plugin of that jar is left. Plugins that failed to
   * start are not stopped; plugins whose start timed out are. Never throws; runs once.
   */
  public void stopAll(Duration timeout) {
    List<LoadedPlugin> toStop;
    synchronized (this) {
      if (stopCalled) {
        return;
      }
      stopCalled = true;
      toStop = new ArrayList<>(plugins);
    }
    Collections.reverse(toStop);
    long deadline = System.nanoTime() + timeout.toNanos();
    for (LoadedPlugin plugin : toStop) {
      long left = Math.max(deadline - System.nanoTime(), MIN_STOP_NANOS);
      PluginLifecycle.stop(plugin, Duration.ofNanos(left));
    }
  }

  /** The names of the plugins that are running, in start order. */
  public synchronized List<String> started() {
    return plugins.stream().filter(p -> p.state() == State.RUNNING).map(LoadedPlugin::name).toList();
  }

  /** {@link #stopAll(Duration)} with 5 seconds per plugin. */
  @Override
  public void close() {
    stopAll(Duration.ofSeconds(5));
  }

  private List<LoadedPlugin> load() {
    Map<String, LoadedPlugin> byName = new LinkedHashMap<>();
    for (PluginFolder.Candidate candidate : PluginFolder.scan(folder)) {
      PluginJar jar = PluginJar.open(candidate, apiLoader);
      if (jar == null) {
        continue;
      }
      for (HeraldPlugin plugin : jar.discover()) {
        String name = nameOf(plugin, jar);
        LoadedPlugin first = name == null ? null : byName.get(name);
        if (first != null) {
          log.error("plugin '{}' of {} ({}) refused: {} already has a plugin of that name ({});"
                  + " plugin names must be unique", name, jar.display(), plugin.getClass().getName(),
              first.jar().display(), first.plugin().getClass().getName());
        } else if (name != null) {
          jar.retain();
          byName.put(name, new LoadedPlugin(name, plugin, jar,
              new PluginBus(name, jar.loader(), bus, subscriber)));
        }
      }
      jar.closeIfUnused();
    }
    return new ArrayList<>(byName.values());
  }

  private static String nameOf(HeraldPlugin plugin, PluginJar jar) {
    String name;
    try {
      name = plugin.name();
    } catch (RuntimeException | LinkageError e) {
      log.error("{}: plugin {} failed to tell its name ({}); skipped", jar.display(),
          plugin.getClass().getName(), e.toString());
      return null;
    }
    if (name == null || name.isBlank()) {
      log.error("{}: plugin {} has no name (name() returned {}); skipped", jar.display(),
          plugin.getClass().getName(), name == null ? "null" : "'" + name + "'");
      return null;
    }
    return name;
  }

  private Map<String, Object> config(String name) {
    Map<String, Object> config = configs.get(name);
    // a copy: YAML maps may hold null values, which Map.copyOf refuses
    return config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
  }

  private void warnAboutUnusedConfigs(List<LoadedPlugin> loaded) {
    TreeSet<String> names = new TreeSet<>();
    loaded.forEach(plugin -> names.add(plugin.name()));
    for (String configured : configs.keySet()) {
      if (!names.contains(configured)) {
        log.warn("plugins.config has settings for '{}', but no plugin of that name was loaded"
            + " (loaded: {})", configured, names.isEmpty() ? "none" : String.join(", ", names));
      }
    }
  }
}
