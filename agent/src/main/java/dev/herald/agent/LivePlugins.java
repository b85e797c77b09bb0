package dev.herald.agent;

import dev.herald.agent.plugin.PluginManager;
import java.util.List;
import java.util.Map;

/** Temporary: plugin changes while running, until PluginManager offers them. */
final class LivePlugins {

  private LivePlugins() {}

  static String reconfigure(PluginManager plugins, Map<String, Map<String, Object>> configs) {
    return "takes effect at the next start";
  }

  static List<String> describe(PluginManager plugins) {
    return plugins.started();
  }

  static String stop(PluginManager plugins, String name) {
    throw new IllegalStateException("not yet");
  }

  static String start(PluginManager plugins, String name) {
    throw new IllegalStateException("not yet");
  }

  static String restart(PluginManager plugins, String name) {
    throw new IllegalStateException("not yet");
  }

  static String rescan(PluginManager plugins) {
    throw new IllegalStateException("not yet");
  }
}
