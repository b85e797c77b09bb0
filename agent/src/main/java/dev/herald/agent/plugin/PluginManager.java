package dev.herald.agent.plugin;

import dev.herald.agent.config.KeySuggestions;
import dev.herald.agent.log.AgentLog;
import dev.herald.agent.plugin.LoadedPlugin.State;
import dev.herald.agent.plugin.PluginSlots.Slot;
import dev.herald.api.EventBus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Loads the plugin jars of one folder, starts their plugins, follows changes to the folder and to
 * the plugins' settings while the application runs, and stops them at the end.
 *
 * <p>{@link #startAll()} loads the {@code *.jar} files of the folder in file-name order, each in
 * its own class loader over a private copy of the file, and starts each plugin in turn, waiting up
 * to {@code startTimeout} for each. {@link #rescan()} applies what changed in the folder since,
 * {@link #reconfigure} new settings; {@link #stop}, {@link #start} and {@link #restart} act on one
 * plugin. {@link #stopAll(Duration)} stops them all in reverse order. Nothing a plugin does is
 * fatal: a broken jar or plugin costs one ERROR line and that plugin, never an exception from here.
 *
 * <p>Threading: safe for concurrent use. Operations run one at a time (a rescan on the {@code
 * herald-reload} thread waits for a JMX restart); {@link #stopAll} may come from a shutdown hook at
 * any moment: it waits for the operation in progress up to its timeout, and after it nothing
 * starts again. Plugin code runs on daemon threads named {@code herald-plugin-start-<name>} and
 * {@code herald-plugin-stop-<name>}, with {@code startTimeout} bounding each call while the
 * application runs.
 */
public final class PluginManager implements AutoCloseable {

  private static final Logger log = AgentLog.get(PluginManager.class);
  private static final long MIN_STOP_NANOS = 100_000_000L;

  private final Path folder;
  private final Duration startTimeout;
  private final PluginSlots slots = new PluginSlots();
  private final PluginInstaller installer;
  private final ReentrantLock operations = new ReentrantLock();
  // guarded by operations
  private final FolderStamps stamps = new FolderStamps();
  private final Set<String> reported = new HashSet<>();
  // jars (plugins/x.jar) that could not be loaded, or not all of their plugins, when last read
  private final Set<String> skipped = new TreeSet<>();
  private boolean startCalled;
  private volatile Map<String, Map<String, Object>> configs;
  // settings a running plugin refused, by plugin name, while its previous ones stay in force
  private final Map<String, Map<String, Object>> refused = new HashMap<>();

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
    this.configs = copy(configs);
    this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
    // An anonymous class, not a lambda: the manager is made before the application's main, where
    // every lambda costs a class spun at run time.
    this.installer = new PluginInstaller(slots, new Supplier<Map<String, Map<String, Object>>>() {
      @Override
      public Map<String, Map<String, Object>> get() {
        return PluginManager.this.configs;
      }
    },
        Objects.requireNonNull(baseDirectory, "baseDirectory"), startTimeout,
        Objects.requireNonNull(bus, "bus"), Objects.requireNonNull(subscriber, "subscriber"),
        Objects.requireNonNull(apiLoader, "apiLoader"));
  }

  /**
   * Loads and starts every plugin, then warns about {@code plugins.config} entries that match no
   * loaded plugin. Returns once each plugin has started, failed, or used up its start timeout.
   * Never throws; runs once, and not at all after {@link #stopAll}.
   */
  public void startAll() {
    operations.lock();
    try {
      if (startCalled || slots.closed()) {
        return;
      }
      startCalled = true;
      PluginChanges.Collector changes = new PluginChanges.Collector();
      for (PluginFolder.Candidate candidate : folder == null ? List.<PluginFolder.Candidate>of()
          : PluginFolder.scan(folder, reported)) {
        FolderStamps.Stamp stamp = FolderStamps.stamp(candidate.file());
        if (stamp != null && !slots.closed()) {
          installer.install(candidate, stamp, stamps, changes);
        }
      }
      skipped.addAll(changes.skipped);
      warnAboutUnusedConfigs(configs.keySet());
    } finally {
      operations.unlock();
    }
  }

  /**
   * Applies what changed in the plugin folder since the last look: a jar that appeared is loaded
   * and its plugins started; a jar that disappeared has its plugins stopped and its class loader
   * closed; a jar whose content changed has its plugins restarted from the new content. A new or
   * changed jar is read once it has kept its size and modification time for one rescan, so a jar
   * still being copied is never loaded half-written. A folder that is gone or unreadable changes
   * nothing (one WARN). Never throws; does nothing before {@link #startAll()} or after {@link #stopAll}.
   */
  public PluginChanges rescan() {
    operations.lock();
    try {
      if (!startCalled || slots.closed() || folder == null) {
        return PluginChanges.NONE;
      }
      List<PluginFolder.Candidate> listing = PluginFolder.list(folder, reported);
      if (listing == null) {
        if (reported.add("gone " + folder)) {
          log.warn("plugin folder {} is gone or cannot be read; the plugins running keep running", folder);
        }
        return PluginChanges.NONE;
      }
      if (reported.remove("gone " + folder)) {
        log.info("plugin folder {} can be read again; following its changes", folder);
      }
      PluginChanges.Collector changes = new PluginChanges.Collector();
      Set<String> present = new HashSet<>();
      listing.forEach(candidate -> present.add(candidate.fileName()));
      Set<String> known = new TreeSet<>(stamps.files());
      slots.all().forEach(slot -> known.add(slot.fileName()));
      for (String fileName : known) {
        if (!present.contains(fileName)) {
          stamps.forget(fileName);
          skipped.remove(PluginFolder.display(folder, fileName));
          for (Slot slot : slots.ofFile(fileName)) {
            installer.retire(slot, "(" + PluginFolder.display(folder, fileName) + " removed)", changes);
          }
        }
      }
      for (PluginFolder.Candidate candidate : listing) {
        FolderStamps.Stamp stamp = stamps.settled(candidate.fileName(), candidate.file());
        if (stamp != null && !slots.closed()) {
          skipped.remove(candidate.display());
          installer.install(candidate, stamp, stamps, changes);
        }
      }
      skipped.addAll(changes.skipped);
      return changes.build();
    } finally {
      operations.unlock();
    }
  }

  /**
   * Takes new {@code plugins.config} settings and restarts exactly the plugins whose settings
   * changed (absent and empty are the same), from their jars. A running plugin that refuses its
   * new settings (its {@code start} throws IllegalArgumentException) is started again with its
   * previous ones, which stay in force; those refused settings are not tried again until they
   * change. A start given up on that refuses later falls back the same way when it ends. A plugin stopped on request stays stopped, and gets the new settings when started.
   * Never throws.
   *
   * @param next each plugin's settings by plugin name; null for none
   */
  public PluginChanges reconfigure(Map<String, Map<String, Object>> next) {
    operations.lock();
    try {
      Map<String, Map<String, Object>> before = configs;
      configs = copy(next);
      if (!startCalled || slots.closed()) {
        return PluginChanges.NONE;
      }
      PluginChanges.Collector changes = new PluginChanges.Collector();
      for (Slot slot : slots.all()) {
        String name = slot.name();
        Map<String, Object> wanted = settings(configs, name);
        if (wanted.equals(refused.get(name))) {
          // refused before and not changed since (the edit was elsewhere): nothing to try again
          configs = with(configs, name, before.get(name));
          continue;
        }
        refused.remove(name);
        if (slot.held() || settings(before, name).equals(wanted)) {
          continue;
        }
        boolean wasLive = slot.live();
        installer.reload(slot, candidate(slot.fileName()), "restarted with its new settings from", changes);
        Slot now = slots.get(name);
        boolean fellBack = false;
        if (wasLive && now != null && now.plugin() != null && now.plugin().state() == State.ABANDONED) {
          fellBack = fallBackIfRefusedLate(now.plugin(), before.get(name), wanted);
        } else if (wasLive && now != null && now.plugin() != null && now.plugin().settingsRefused()) {
          restartWithPrevious(now, before.get(name), wanted, "refused its new settings");
          fellBack = true;
        }
        if (fellBack) {
          changes.failed.remove(name);
          Slot fallback = slots.get(name);
          (fallback != null && fallback.live() ? changes.refused : changes.failed).add(name);
        }
      }
      Set<String> added = new TreeSet<>(configs.keySet());
      added.removeAll(before.keySet());
      warnAboutUnusedConfigs(added);
      for (String name : new TreeSet<>(configs.keySet())) {
        if (slots.get(name) == null && !settings(configs, name).equals(settings(before, name))) {
          changes.kept.add(name);
        }
      }
      return changes.build();
    } finally {
      operations.unlock();
    }
  }

  /**
   * Arranges that {@code plugin}, whose {@code start} with new settings was given up on, falls back
   * to {@code previous} if that start ends by refusing them, as a refusal in time does, unless the
   * plugin or its settings changed meanwhile. The fall-back runs on the plugin's start thread when
   * that ends, or here if it has ended already.
   *
   * @return true if it had ended already, refusing, and the fall-back ran here
   */
  private boolean fallBackIfRefusedLate(LoadedPlugin plugin, Map<String, Object> previous,
      Map<String, Object> wanted) {
    // both this thread and the start's may see it end: the first to take it falls back
    AtomicBoolean taken = new AtomicBoolean();
    // An anonymous class, not a lambda (see the constructor)
    plugin.onLateRefusal(new Runnable() {
      @Override
      public void run() {
        if (taken.compareAndSet(false, true)) {
          fallBack(plugin, previous, wanted);
        }
      }
    });
    if (plugin.state() == State.FAILED && plugin.settingsRefused() && taken.compareAndSet(false, true)) {
      fallBack(plugin, previous, wanted);
      return true;
    }
    return false;
  }

  private void fallBack(LoadedPlugin plugin, Map<String, Object> previous, Map<String, Object> wanted) {
    operations.lock();
    try {
      String name = plugin.name();
      Slot slot = slots.get(name);
      if (slots.closed() || slot == null || slot.plugin() != plugin || slot.held()
          || !settings(configs, name).equals(wanted)) {
        return; // replaced, stopped or given other settings since: nothing to fall back from
      }
      restartWithPrevious(slot, previous, wanted, "refused its new settings after its start timeout");
    } finally {
      operations.unlock();
    }
  }

  /**
   * Puts {@code previous} back in force for {@code slot}'s plugin, which refused {@code wanted}, and
   * starts it with them: a refused change leaves the running config in force, as a refused file
   * edit does, and a later restart uses it too; {@code wanted} is not tried again until it changes.
   * Under the operations lock.
   */
  private void restartWithPrevious(Slot slot, Map<String, Object> previous, Map<String, Object> wanted,
      String why) {
    String name = slot.name();
    configs = with(configs, name, previous);
    refused.put(name, wanted);
    installer.reload(slot, candidate(slot.fileName()), why + "; restarted with its previous ones from",
        new PluginChanges.Collector());
  }

  /** The plugins known: running, starting, failed or stopped, in the order they first started. */
  public List<PluginView> plugins() {
    return slots.all().stream().map(PluginView::of).toList();
  }

  /** The names of the plugins that are running, in start order. */
  public List<String> started() {
    return slots.all().stream().filter(s -> s.plugin() != null && s.plugin().state() == State.RUNNING)
        .map(Slot::name).toList();
  }

  /**
   * Stops the plugin named {@code name} (its {@code stop}, its subscriptions, its class loader); it
   * stays stopped, across changes of its jar, until {@link #start} or {@link #restart}.
   *
   * @return what happened, in one line
   * @throws IllegalArgumentException if no plugin has that name; the message names those known
   */
  public String stop(String name) {
    return operate(name, slot -> {
      if (slot.held()) {
        return "plugin '" + name + "' is already stopped";
      }
      boolean live = slot.live();
      slots.put(new Slot(name, slot.fileName(), null, true));
      installer.stopQuietly(slot);
      if (!live) {
        return "plugin '" + name + "' was not running; it stays stopped";
      }
      String line = "plugin '" + name + "' stopped on request (" + PluginFolder.display(folder, slot.fileName()) + ")";
      log.info(line);
      return line;
    });
  }

  /**
   * Starts again, from its jar as it is now, a plugin that was stopped or failed.
   *
   * @return what happened, in one line (also when it failed to start)
   * @throws IllegalArgumentException if no plugin has that name; the message names those known
   */
  public String start(String name) {
    return operate(name, slot -> slot.live() ? "plugin '" + name + "' is already running"
        : installer.reload(slot, candidate(slot.fileName()), "started again from",
            new PluginChanges.Collector()));
  }

  /**
   * Stops the plugin named {@code name} if it runs, and starts it again from its jar as it is now,
   * with the current settings.
   *
   * @return what happened, in one line (also when it failed to start)
   * @throws IllegalArgumentException if no plugin has that name; the message names those known
   */
  public String restart(String name) {
    return operate(name, slot -> installer.reload(slot, candidate(slot.fileName()), "restarted from",
        new PluginChanges.Collector()));
  }

  /**
   * Stops the plugins in reverse start order: for each, calls {@code stop()} (all of them together
   * waiting up to {@code timeout}, each at least 100 ms, so that one hanging plugin cannot hold
   * up the JVM's exit once per plugin), closes its subscriptions, warns about non-daemon threads it left,
   * and closes its jar's class loader once no plugin of that jar is left. Plugins that failed to
   * start are not stopped; plugins whose start timed out are. An operation in progress is waited
   * for within {@code timeout}. Never throws; runs once.
   */
  public void stopAll(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<LoadedPlugin> toStop = slots.close();
    if (toStop == null) {
      return;
    }
    boolean locked = false;
    try {
      // a rescan or restart in progress stops what it starts from now on; let it finish first
      locked = operations.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      List<LoadedPlugin> reversed = new ArrayList<>(toStop);
      Collections.reverse(reversed);
      for (LoadedPlugin plugin : reversed) {
        plugin.jar().lastUse(); // nothing starts after this, so no reload compares the copies
      }
      for (LoadedPlugin plugin : reversed) {
        long left = Math.max(deadline - System.nanoTime(), MIN_STOP_NANOS);
        PluginLifecycle.stop(plugin, Duration.ofNanos(left));
      }
    } finally {
      if (locked) {
        operations.unlock();
      }
    }
  }

  /** {@link #stopAll(Duration)} with 5 seconds per plugin. */
  @Override
  public void close() {
    stopAll(Duration.ofSeconds(5));
  }

  private String operate(String name, Function<Slot, String> action) {
    operations.lock();
    try {
      if (slots.closed()) {
        return "Herald is shutting down; plugins are not changed any more";
      }
      Slot slot = slots.get(name);
      if (slot == null) {
        List<String> known = slots.all().stream().map(Slot::name).sorted().toList();
        throw new IllegalArgumentException("no plugin named '" + name + "'; known: "
            + (known.isEmpty() ? "none" : String.join(", ", known)));
      }
      return action.apply(slot);
    } finally {
      operations.unlock();
    }
  }

  /** The jar named {@code fileName} in the folder now; null if it is not there. */
  private PluginFolder.Candidate candidate(String fileName) {
    List<PluginFolder.Candidate> listing = folder == null ? null : PluginFolder.list(folder, reported);
    return listing == null ? null
        : listing.stream().filter(c -> c.fileName().equals(fileName)).findFirst().orElse(null);
  }

  private static Map<String, Object> settings(Map<String, Map<String, Object>> configs, String name) {
    Map<String, Object> settings = configs.get(name);
    return settings == null ? Map.of() : settings;
  }

  private static Map<String, Map<String, Object>> with(Map<String, Map<String, Object>> configs,
      String name, Map<String, Object> settings) {
    Map<String, Map<String, Object>> changed = new LinkedHashMap<>(configs);
    if (settings == null) {
      changed.remove(name);
    } else {
      changed.put(name, settings);
    }
    return Collections.unmodifiableMap(changed);
  }

  private static Map<String, Map<String, Object>> copy(Map<String, Map<String, Object>> configs) {
    return configs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(configs));
  }

  /**
   * Warns about each of {@code configured} that names no plugin; where jars were skipped, says so,
   * since the plugin may be in one of them: the name is then not the likely mistake.
   */
  private void warnAboutUnusedConfigs(Set<String> configured) {
    TreeSet<String> names = new TreeSet<>();
    slots.all().forEach(slot -> names.add(slot.name()));
    String notLoaded = skipped.isEmpty() ? ""
        : skipped.size() == 1 ? "; 1 jar in the folder could not be loaded, see the ERROR above: "
            + skipped.iterator().next()
        : "; " + skipped.size() + " jars in the folder could not be loaded, see the ERRORs above: "
            + String.join(", ", skipped);
    for (String name : configured) {
      if (!names.contains(name)) {
        String near = KeySuggestions.nearest(name, names).orElse(null);
        log.warn("plugins.config has settings for '{}', but no plugin of that name was loaded"
            + " ({}loaded: {}{})", name, near == null ? "" : "did you mean '" + near + "'? ",
            names.isEmpty() ? "none" : String.join(", ", names), notLoaded);
      }
    }
  }
}
