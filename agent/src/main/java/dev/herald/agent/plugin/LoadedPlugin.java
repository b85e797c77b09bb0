package dev.herald.agent.plugin;

import dev.herald.api.HeraldPlugin;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One plugin the manager holds: the instance, its jar, its bus, and where it is in its life.
 *
 * <p>The state moves LOADED → STARTING → RUNNING or ABANDONED (start did not return in time) →
 * RUNNING or FAILED (when an abandoned start ends late) → STOPPED. FAILED and STOPPED are final,
 * and whoever makes the move into one of them cleans up (closes the subscriptions, releases the
 * jar), exactly once. Safe for concurrent use.
 */
final class LoadedPlugin {

  enum State { LOADED, STARTING, RUNNING, ABANDONED, FAILED, STOPPED }

  private final String name;
  private final HeraldPlugin plugin;
  private final PluginJar jar;
  private final PluginBus bus;
  private final AtomicReference<State> state = new AtomicReference<>(State.LOADED);
  private volatile Instant runningSince;
  private volatile boolean settingsRefused;
  private volatile String settingsPlace;
  private volatile boolean hasSettings;
  private volatile Runnable lateRefusal;

  LoadedPlugin(String name, HeraldPlugin plugin, PluginJar jar, PluginBus bus) {
    this.name = name;
    this.plugin = plugin;
    this.jar = jar;
    this.bus = bus;
  }

  String name() {
    return name;
  }

  HeraldPlugin plugin() {
    return plugin;
  }

  PluginJar jar() {
    return jar;
  }

  PluginBus bus() {
    return bus;
  }

  State state() {
    return state.get();
  }

  boolean move(State from, State to) {
    if (!state.compareAndSet(from, to)) {
      return false;
    }
    if (to == State.RUNNING) {
      runningSince = Instant.now();
    }
    return true;
  }

  /** When its {@code start} returned; null if it has not (yet). */
  Instant runningSince() {
    return runningSince;
  }

  /** True once its {@code start} threw IllegalArgumentException: by convention, its settings were refused. */
  boolean settingsRefused() {
    return settingsRefused;
  }

  void refuseSettings() {
    settingsRefused = true;
  }

  /**
   * What to do if its {@code start}, given up on, refuses its settings when it ends: the manager
   * falls back to the settings in force before, as it does for a refusal in time. Null for nothing.
   */
  void onLateRefusal(Runnable action) {
    lateRefusal = action;
  }

  Runnable lateRefusal() {
    return lateRefusal;
  }

  /** Where its settings are written in the config file, as {@code herald.yaml:14}; null if not known. */
  String settingsPlace() {
    return settingsPlace;
  }

  void settingsPlace(String place) {
    settingsPlace = place;
  }

  /** True if it was started with settings (a non-empty {@code plugins.config} entry). */
  boolean hasSettings() {
    return hasSettings;
  }

  void hasSettings(boolean has) {
    hasSettings = has;
  }

  /** Moves to {@code end} and returns the state it left, unless it already was in a final one. */
  State finish(State end) {
    State previous = state.get();
    while (previous != State.FAILED && previous != State.STOPPED) {
      if (state.compareAndSet(previous, end)) {
        return previous;
      }
      previous = state.get();
    }
    return null;
  }

  @Override
  public String toString() {
    return "plugin '" + name + "' (" + jar.display() + ")";
  }
}
