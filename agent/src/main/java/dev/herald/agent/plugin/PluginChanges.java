package dev.herald.agent.plugin;

import java.util.ArrayList;
import java.util.List;

/**
 * What one {@link PluginManager#rescan()} or {@link PluginManager#reconfigure} changed: plugin
 * names started (new), restarted (a replaced jar, or new settings), stopped (jar removed, or
 * replaced by a version without the plugin), and what failed: plugin names whose start failed or
 * timed out, and jars (as {@code plugins/x.jar}) that could not be loaded; refused: running
 * plugins that refused new settings and were started again with their previous ones; and kept:
 * names whose settings changed while no plugin of that name is loaded. Each was also logged.
 * Immutable.
 */
public record PluginChanges(List<String> started, List<String> restarted, List<String> stopped,
    List<String> failed, List<String> refused, List<String> kept) {

  /** Nothing changed. */
  public static final PluginChanges NONE =
      new PluginChanges(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

  /**
   * @param kept plugin names whose settings changed while no plugin of that name is loaded: kept
   *     for when one is (a jar still on its way into the folder, say)
   */
  public PluginChanges {
    started = List.copyOf(started);
    restarted = List.copyOf(restarted);
    stopped = List.copyOf(stopped);
    failed = List.copyOf(failed);
    refused = List.copyOf(refused);
    kept = List.copyOf(kept);
  }

  /** True if no plugin changed (settings may have been {@link #kept}). */
  public boolean isEmpty() {
    return started.isEmpty() && restarted.isEmpty() && stopped.isEmpty() && failed.isEmpty() && refused.isEmpty();
  }

  /** One line for people: {@code "started [audit], stopped [slack]"}, or {@code "no changes"}. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    add(parts, "started", started);
    add(parts, "restarted", restarted);
    add(parts, "stopped", stopped);
    add(parts, "failed", failed);
    add(parts, "kept their previous settings", refused);
    if (!kept.isEmpty()) {
      parts.add("settings kept for " + kept + (kept.size() == 1 ? ", no plugin of that name loaded (yet)"
          : ", no plugins of those names loaded (yet)"));
    }
    return parts.isEmpty() ? "no changes" : String.join(", ", parts);
  }

  private static void add(List<String> parts, String what, List<String> names) {
    if (!names.isEmpty()) {
      parts.add(what + " " + names);
    }
  }

  /** Collects changes as an operation makes them. Not thread-safe. */
  static final class Collector {
    final List<String> started = new ArrayList<>();
    final List<String> restarted = new ArrayList<>();
    final List<String> stopped = new ArrayList<>();
    final List<String> failed = new ArrayList<>();
    final List<String> refused = new ArrayList<>();
    final List<String> kept = new ArrayList<>();
    // jars (plugins/x.jar) read now that could not be loaded, or not all of their plugins: for the
    // manager's messages only; the result counts them (or their plugins) as failed
    final List<String> skipped = new ArrayList<>();

    PluginChanges build() {
      return new PluginChanges(started, restarted, stopped, failed, refused, kept);
    }
  }
}
