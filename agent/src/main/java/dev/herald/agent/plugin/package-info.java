/**
 * Plugin loading: finds the listener jars in the plugin folder, gives each its own class loader,
 * starts the {@link dev.herald.api.HeraldPlugin}s they declare, and stops them at exit.
 *
 * <p>Terms: a <em>plugin jar</em> is a {@code *.jar} file directly in the folder; a
 * <em>plugin</em> is one {@code HeraldPlugin} found in it by {@link java.util.ServiceLoader}. Each
 * jar's loader ({@code herald-plugin:<file name>}) has a parent that sees the Herald API and the
 * JDK only, so a plugin brings its own libraries in whatever versions it likes.
 *
 * <p>Nothing here is fatal: a jar that is not a jar, bundles the API, names a missing class, or a
 * plugin whose {@code start} throws or hangs, costs one clear ERROR line and that plugin only.
 *
 * <p>The lead wires it up as
 *
 * <pre>{@code
 * PluginManager plugins = new PluginManager(folder, configs, baseDirectory, startTimeout, bus, bus::subscribe);
 * plugins.startAll();
 * // at exit, after the bus has drained:
 * plugins.stopAll(shutdownTimeout);
 * }</pre>
 *
 * <p>A compiled, complete plugin: {@code
 * examples/console-plugin/src/main/java/dev/herald/examples/console/ConsolePlugin.java}; the plugin
 * this package's tests build at test time: {@code PluginFixtures} under {@code agent/src/test}.
 *
 * <p>Only {@link dev.herald.agent.plugin.PluginManager} and {@link
 * dev.herald.agent.plugin.NamedSubscriber} are public, for the agent's start-up code; they are not
 * API and plugins must not use them.
 */
package dev.herald.agent.plugin;
