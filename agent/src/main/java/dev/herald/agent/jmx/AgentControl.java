package dev.herald.agent.jmx;

import java.util.List;

/**
 * The changes an operator can make to a running agent, as {@link ControlMXBean} offers them over
 * JMX. Each returns a one-line, human-readable result, or throws {@link IllegalArgumentException}
 * (bad input, named in the message) or {@link IllegalStateException} (cannot be done now).
 *
 * <p>Implementations are safe for concurrent use and apply changes one at a time.
 */
public interface AgentControl {

  /** Reads the config file again and applies it, as the reload watcher would. */
  String reload();

  /** Turns the entry whose {@code class} value is {@code classPattern} on or off. */
  String setServiceEnabled(String classPattern, boolean enabled);

  /** Adds one {@code services} entry, written as YAML as in the config file, at the end. */
  String addService(String entryYaml);

  /** Removes the entry whose {@code class} value is {@code classPattern}. */
  String removeService(String classPattern);

  /** The {@code services} entries in force, one line each. */
  List<String> services();

  /** The plugins, one line each: name, jar, state. */
  List<String> plugins();

  String stopPlugin(String name);

  String startPlugin(String name);

  String restartPlugin(String name);

  /** Applies what changed in the plugin folder now, without waiting for the next poll. */
  String rescanPlugins();
}
