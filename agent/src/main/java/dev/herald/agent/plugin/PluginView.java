package dev.herald.agent.plugin;

import java.time.Instant;

/**
 * One plugin as operators see it (JMX, logs). Immutable.
 *
 * @param name the plugin's name
 * @param jarFile the name of its jar file in the plugin folder, e.g. {@code audit.jar}
 * @param state {@code running}; {@code starting} (its start went past the start timeout and has
 *     not ended yet); {@code failed} (its start threw or it failed late); {@code stopped} (on
 *     request, or by a shutdown)
 * @param startedAt when its start last returned; null if it is not running
 */
public record PluginView(String name, String jarFile, String state, Instant startedAt) {

  static PluginView of(PluginSlots.Slot slot) {
    LoadedPlugin plugin = slot.plugin();
    String state = plugin == null ? "stopped" : switch (plugin.state()) {
      case RUNNING -> "running";
      case LOADED, STARTING, ABANDONED -> "starting";
      case FAILED -> "failed";
      case STOPPED -> "stopped";
    };
    return new PluginView(slot.name(), slot.fileName(), state,
        "running".equals(state) ? plugin.runningSince() : null);
  }

  /** {@code "audit (audit.jar): running since 2026-01-15T12:00:00Z"}. */
  @Override
  public String toString() {
    return name + " (" + jarFile + "): " + state + (startedAt == null ? "" : " since " + startedAt);
  }
}
