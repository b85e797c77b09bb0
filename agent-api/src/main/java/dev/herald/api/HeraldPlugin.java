package dev.herald.api;

/**
 * A listener plugin: a jar in the configured plugin folder, found with {@link
 * java.util.ServiceLoader} through its {@code META-INF/services/dev.herald.api.HeraldPlugin} file.
 *
 * <p>Lifecycle: the agent creates the plugin with its public no-argument constructor, calls
 * {@link #start(PluginContext)} once before the application's {@code main} runs (bounded by
 * {@code plugins.start-timeout}), and {@link #stop()} once at JVM exit after the bus has drained.
 * Subscriptions made through {@link PluginContext#bus()} are closed after {@code stop()}.
 *
 * <p>Each plugin jar has its own class loader whose parent sees only this API and the JDK, so a
 * plugin may bundle any library version. It must not bundle {@code dev.herald.api} itself.
 */
public interface HeraldPlugin {

  /** The plugin's name, its key under {@code plugins.config}, e.g. {@code "audit-log"}. Never null. */
  String name();

  /**
   * Starts the plugin: read settings, open resources, subscribe. Called once, on an agent thread.
   *
   * @throws Exception if the plugin cannot start; the agent logs it, closes the plugin's
   *     subscriptions and runs on without it
   */
  void start(PluginContext context) throws Exception;

  /**
   * Releases what {@link #start} acquired: flush files, close connections. Called once, at JVM
   * exit or when the plugin is unloaded, after its queued events were delivered or the drain
   * timed out.
   *
   * @throws Exception logged by the agent
   */
  default void stop() throws Exception {}
}
