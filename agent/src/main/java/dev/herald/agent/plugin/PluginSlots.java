package dev.herald.agent.plugin;

import dev.herald.agent.plugin.LoadedPlugin.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plugins the manager knows, by name, in the order they first started: each with the jar
 * file it comes from, and its instance, which is null once it was stopped on request.
 *
 * <p>Only started plugins are registered (running, abandoned in start, failed, or stopped), so
 * {@link #close()} never returns one whose {@code start} is still being called. After it,
 * {@link #put} refuses: whoever started a plugin then must stop it. Safe for concurrent use; each
 * method holds the monitor briefly and never calls plugin code.
 */
final class PluginSlots {

  /**
   * One plugin name.
   *
   * @param name the plugin's name, unique among all jars
   * @param fileName the jar file in the plugin folder it comes from
   * @param plugin its instance; null once it was stopped on request
   * @param held true if it was stopped on request and must stay stopped until asked to start
   */
  record Slot(String name, String fileName, LoadedPlugin plugin, boolean held) {

    /** True if the plugin runs, or may still be starting past its start timeout. */
    boolean live() {
      return plugin != null && (plugin.state() == State.RUNNING || plugin.state() == State.ABANDONED);
    }
  }

  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private boolean closed;

  /** Registers or replaces {@code slot}; false (and nothing changes) once closed. */
  synchronized boolean put(Slot slot) {
    if (closed) {
      return false;
    }
    slots.put(slot.name(), slot);
    return true;
  }

  synchronized void remove(String name) {
    slots.remove(name);
  }

  /** The slot named {@code name}; null if none. */
  synchronized Slot get(String name) {
    return slots.get(name);
  }

  /** All slots, in start order. */
  synchronized List<Slot> all() {
    return new ArrayList<>(slots.values());
  }

  /** The slots of the plugins of {@code fileName}, in start order. */
  synchronized List<Slot> ofFile(String fileName) {
    return slots.values().stream().filter(s -> s.fileName().equals(fileName)).toList();
  }

  synchronized boolean closed() {
    return closed;
  }

  /**
   * Closes the registry, empties it, and returns the plugins to stop, in start order; null if
   * already closed.
   */
  synchronized List<LoadedPlugin> close() {
    if (closed) {
      return null;
    }
    closed = true;
    List<LoadedPlugin> toStop = slots.values().stream().map(Slot::plugin).filter(p -> p != null).toList();
    // Forgotten here, so that once stopped nothing of ours (JMX holds the manager) keeps their loaders.
    slots.clear();
    return toStop;
  }
}
