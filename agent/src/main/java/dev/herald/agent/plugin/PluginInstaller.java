package dev.herald.agent.plugin;

import dev.herald.agent.config.PlacedSettings;
import dev.herald.agent.log.AgentLog;
import dev.herald.agent.plugin.LoadedPlugin.State;
import dev.herald.agent.plugin.PluginSlots.Slot;
import dev.herald.api.EventBus;
import dev.herald.api.HeraldPlugin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Loads a jar and starts, restarts or stops its plugins against the {@link PluginSlots}: the
 * steps {@link PluginManager} is made of. Each change costs one log line: INFO when it worked,
 * ERROR when it did not. Plugin code is called with bounded waits; {@code startTimeout} bounds
 * both {@code start} and, while the application runs, {@code stop}.
 *
 * <p>Not thread-safe: the manager calls it under its operations lock.
 */
final class PluginInstaller {

  // the manager's logger: these are its lines, in the words of what it was asked to do
  private static final Logger log = AgentLog.get(PluginManager.class);

  private final PluginSlots slots;
  private final Supplier<Map<String, Map<String, Object>>> configs;
  private final Path baseDirectory;
  private final Duration timeout;
  private final EventBus bus;
  private final NamedSubscriber subscriber;
  private final ClassLoader apiLoader;

  PluginInstaller(PluginSlots slots, Supplier<Map<String, Map<String, Object>>> configs,
      Path baseDirectory, Duration timeout, EventBus bus, NamedSubscriber subscriber,
      ClassLoader apiLoader) {
    this.slots = slots;
    this.configs = configs;
    this.baseDirectory = baseDirectory;
    this.timeout = timeout;
    this.bus = bus;
    this.subscriber = subscriber;
    this.apiLoader = apiLoader;
  }

  /**
   * Loads {@code candidate}, read at {@code stamp}, and brings its plugins in line with it: new
   * names start, names running older content restart, names it no longer has stop. Content the
   * same as last read (a {@code touch}, a copy of the same jar) changes nothing.
   */
  void install(PluginFolder.Candidate candidate, FolderStamps.Stamp stamp, FolderStamps stamps,
      PluginChanges.Collector changes) {
    PluginJar jar = PluginJar.open(candidate, apiLoader);
    String before = stamps.read(candidate.fileName(), stamp, jar == null ? null : jar.copy());
    if (jar == null) {
      changes.failed.add(candidate.display());
      changes.skipped.add(candidate.display());
      return;
    }
    if (before != null && jar.digest().equals(before)) {
      log.debug("{} changed on disk but not in content; nothing to do", candidate.display());
      jar.closeIfUnused();
      return;
    }
    Set<String> names = new HashSet<>();
    List<LoadedPlugin> toStart = new ArrayList<>();
    boolean unmade = false;
    for (HeraldPlugin plugin : jar.discover()) {
      String name = nameOf(plugin, jar);
      unmade |= name == null;
      if (name == null || !unique(name, names, plugin, jar)) {
        continue;
      }
      Slot slot = slots.get(name);
      if (slot != null && slot.held()) {
        log.info("plugin '{}' of {} stays stopped, as requested; start it to run this version", name,
            jar.display());
      } else if (slot == null || !slot.live() || !jar.digest().equals(slot.plugin().jar().digest())) {
        toStart.add(loaded(name, plugin, jar));
      }
    }
    if (unmade || jar.unmade()) {
      changes.skipped.add(candidate.display());
    }
    for (Slot slot : slots.ofFile(candidate.fileName())) {
      if (!names.contains(slot.name())) {
        retire(slot, "(" + jar.display() + " was replaced by a version without it)", changes);
      }
    }
    for (LoadedPlugin plugin : toStart) {
      Slot old = slots.get(plugin.name());
      if (old == null) {
        launch(plugin, "started from " + jar.display(), changes.started, changes);
      } else {
        stopQuietly(old);
        launch(plugin, "restarted from " + jar.display() + ", which was replaced", changes.restarted, changes);
      }
    }
    jar.closeIfUnused();
  }

  /**
   * Loads {@code slot}'s jar afresh and starts its plugin in place of the running one (if any),
   * whose {@code stop} is called first. Returns the line logged about it, or why nothing changed.
   */
  String reload(Slot slot, PluginFolder.Candidate candidate, String started, PluginChanges.Collector changes) {
    String keeps = slot.live() ? "it keeps running" : "it stays stopped";
    if (candidate == null) {
      return "plugin '" + slot.name() + "': " + slot.fileName() + " is no longer in the plugin folder; " + keeps;
    }
    PluginJar jar = PluginJar.open(candidate, apiLoader);
    if (jar == null) {
      changes.failed.add(candidate.display());
      return "plugin '" + slot.name() + "': " + candidate.display() + " cannot be loaded (see the log); " + keeps;
    }
    LoadedPlugin fresh = null;
    for (HeraldPlugin plugin : jar.discover()) {
      if (fresh == null && slot.name().equals(nameOf(plugin, jar))) {
        fresh = loaded(slot.name(), plugin, jar);
      }
    }
    jar.closeIfUnused();
    if (fresh == null) {
      return "plugin '" + slot.name() + "': " + candidate.display() + " no longer has it; " + keeps;
    }
    stopQuietly(slot);
    return launch(fresh, started + " " + candidate.display(), changes.restarted, changes);
  }

  /** Stops {@code slot}'s plugin and forgets it, with one INFO line if it was running. */
  void retire(Slot slot, String why, PluginChanges.Collector changes) {
    boolean live = slot.live();
    slots.remove(slot.name());
    if (slot.plugin() != null) {
      PluginLifecycle.stop(slot.plugin(), timeout);
    }
    if (live) {
      log.info("plugin '{}' stopped {}", slot.name(), why);
      changes.stopped.add(slot.name());
    } else {
      log.debug("plugin '{}' forgotten {}", slot.name(), why);
    }
  }

  /** Calls {@code stop} of {@code slot}'s plugin, if it has one; its problems are logged, success is not. */
  void stopQuietly(Slot slot) {
    if (slot.plugin() != null) {
      PluginLifecycle.stop(slot.plugin(), timeout);
    }
  }

  private String launch(LoadedPlugin plugin, String how, List<String> done, PluginChanges.Collector changes) {
    if (slots.closed()) {
      PluginLifecycle.stop(plugin, timeout); // never started: only releases its jar
      return "Herald is shutting down; plugin '" + plugin.name() + "' was not started";
    }
    Map<String, Object> settings = configs.get().get(plugin.name());
    plugin.settingsPlace(settings instanceof PlacedSettings placed ? placed.place() : null);
    plugin.hasSettings(settings != null && !settings.isEmpty());
    String line = PluginLifecycle.start(plugin, new DefaultPluginContext(plugin.bus(), config(plugin.name()),
        baseDirectory), timeout, how);
    if (!slots.put(new Slot(plugin.name(), plugin.jar().fileName(), plugin, false))) {
      PluginLifecycle.stop(plugin, timeout); // the shutdown began while it started
    }
    (plugin.state() == State.FAILED || plugin.state() == State.ABANDONED ? changes.failed : done).add(plugin.name());
    return line;
  }

  private LoadedPlugin loaded(String name, HeraldPlugin plugin, PluginJar jar) {
    jar.retain();
    return new LoadedPlugin(name, plugin, jar, new PluginBus(name, jar.loader(), bus, subscriber));
  }

  /** True if no other jar, nor an earlier plugin of this one, has a plugin named {@code name}; else one ERROR. */
  private boolean unique(String name, Set<String> names, HeraldPlugin plugin, PluginJar jar) {
    Slot slot = slots.get(name);
    String other = !names.add(name) ? jar.display()
        : slot != null && !slot.fileName().equals(jar.fileName()) ? slot.fileName() : null;
    if (other == null) {
      return true;
    }
    if (!other.equals(jar.display())) { // a file name: shown like this jar, in the folder's name
      other = jar.display().substring(0, jar.display().length() - jar.fileName().length()) + other;
    }
    log.error("plugin '{}' of {} ({}) refused: {} already has a plugin of that name; plugin names must be"
        + " unique (jars load in file-name order): remove the jar you do not want, an older version left beside"
        + " a newer one, say", name, jar.display(), plugin.getClass().getName(), other);
    return false;
  }

  static String nameOf(HeraldPlugin plugin, PluginJar jar) {
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
    Map<String, Object> config = configs.get().get(name);
    // a copy: YAML maps may hold null values, which Map.copyOf refuses
    return config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
  }
}
