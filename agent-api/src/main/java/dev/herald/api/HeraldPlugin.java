package dev.herald.api;

/**
 * A listener plugin: a jar in the configured plugin folder, found with {@link
 * java.util.ServiceLoader} through its {@code META-INF/services/dev.herald.api.HeraldPlugin} file.
 *
 * <p>Lifecycle: the agent creates the plugin with its public no-argument constructor and calls
 * {@link #start(PluginContext)} once, in the background while the application's {@code main} runs:
 * by default once the application's start has settled (no class loaded for 250 ms, at most 5 s) or
 * at the first event, whichever comes first; with {@code plugins.start: immediate}, or when Herald
 * is attached to a running JVM, at once. Events of calls made meanwhile are kept and delivered once
 * the plugins have subscribed, so a plugin that subscribes in {@code start} within {@code
 * plugins.start-timeout} misses none. {@link #stop()} is called once: at JVM exit, or earlier when
 * the plugin is unloaded, restarted or stopped over JMX. Subscriptions made through {@link
 * PluginContext#bus()} are closed after {@code stop()} returns or times out.
 *
 * <p>Each plugin jar has its own class loader, so a plugin may bundle any library version. Its
 * parent is the JDK's platform class loader: it sees the JDK modules the JVM resolved at start,
 * this API and, being on the bootstrap class path too, {@code dev.herald.agent.bootstrap.*}, which
 * is not API (do not use it); never the application's classes nor the agent's implementation. A
 * plugin must not bundle {@code dev.herald.api} itself: the agent refuses such a jar.
 */
public interface HeraldPlugin {

  /** The plugin's name, its key under {@code plugins.config}, e.g. {@code "audit-log"}. Never null. */
  String name();

  /**
   * Starts the plugin: read settings, open resources, subscribe. Called once, on a daemon thread
   * of its own, {@code herald-plugin-start-<name>}, with the plugin's class loader as context
   * class loader, and waited for up to {@code plugins.start-timeout}. After that the agent goes
   * on without waiting: the subscriptions made keep working, and {@link #stop()} may later be
   * called, on another thread, while this method is still running.
   *
   * @throws Exception if the plugin cannot start; the agent logs it, closes the plugin's
   *     subscriptions, releases its class loader, and runs on without it. {@link #stop()} is then
   *     never called, so release what this method opened before throwing
   */
  void start(PluginContext context) throws Exception;

  /**
   * Checks settings without starting anything, so that {@code java -jar herald-agent.jar check}
   * can report wrong settings before a deployment instead of the agent at start. Called only by
   * {@code check}, never by the running agent, on the thread of the check with the plugin's class
   * loader as context class loader, on an instance made for the check with the public no-argument
   * constructor, whose {@link #start} is never called.
   *
   * <p>Throw an {@link IllegalArgumentException} whose message names every wrong setting, as
   * {@code start} would for the same settings; return normally when they are fine. Open no file,
   * socket or thread: the check runs on another machine than the application, maybe, and is
   * given up on after 10 seconds. The default accepts any settings (then {@code check} cannot
   * tell). Any other exception is reported as a warning that the settings could not be checked.
   *
   * @param settings what {@code plugins.config.<name>} holds, as {@link PluginContext#config()}
   *     would give it: unmodifiable, empty if absent, never null
   * @throws IllegalArgumentException naming the wrong settings
   */
  default void checkSettings(java.util.Map<String, Object> settings) {}

  /**
   * Releases what {@link #start} acquired: flush files, close connections. Called once, on a
   * daemon thread {@code herald-plugin-stop-<name>} with the plugin's class loader as context
   * class loader, unless {@code start} threw.
   *
   * <p>At JVM exit it runs after the bus has drained (or the drain has timed out) and stopped
   * delivering; all plugins' {@code stop} calls share what is left of {@code bus.shutdown-timeout},
   * but at least one second. When the plugin is unloaded, restarted or stopped over JMX while the
   * application runs, it is waited for up to {@code plugins.start-timeout}, and nothing is
   * drained: listeners may still be called while it runs, and events still queued for the plugin
   * are dropped (and counted) when its subscriptions close after it. If {@code start} timed out,
   * it may run while {@code start} is still running.
   *
   * @throws Exception logged by the agent
   */
  default void stop() throws Exception {}
}
