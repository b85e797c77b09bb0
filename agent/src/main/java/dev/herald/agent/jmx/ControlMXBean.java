package dev.herald.agent.jmx;

/**
 * {@code dev.herald:type=Control}: live changes without a restart. Service changes are applied by
 * retransformation; they last until the config file is reloaded (the file wins) or the JVM
 * restarts. Operations return a one-line result; bad input is refused with a message naming it.
 */
public interface ControlMXBean {

  /** The {@code services} entries in force. */
  String[] getServices();

  /** The plugins: name, jar, state. */
  String[] getPlugins();

  /** Reads the config file again and applies it now. */
  String reload();

  String enableService(String classPattern);

  String disableService(String classPattern);

  /** Adds a {@code services} entry written in YAML, e.g. {@code {class: com.acme.OrderService, entity: order}}. */
  String addService(String entryYaml);

  String removeService(String classPattern);

  String stopPlugin(String name);

  String startPlugin(String name);

  String restartPlugin(String name);

  /** Applies changes in the plugin folder now. */
  String rescanPlugins();
}
