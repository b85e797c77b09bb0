/**
 * Plugin loading: finds the listener jars in the plugin folder, gives each its own class loader,
 * starts the {@link dev.herald.api.HeraldPlugin}s they declare, follows jars added, replaced and
 * removed while the application runs, and stops them at exit.
 *
 * <p>Terms: a <em>plugin jar</em> is a {@code *.jar} file directly in the folder; a
 * <em>plugin</em> is one {@code HeraldPlugin} found in it by {@link java.util.ServiceLoader}. Each
 * jar's loader ({@code herald-plugin:<file name>}) has a parent that sees the Herald API and the
 * JDK only, so a plugin brings its own libraries in whatever versions it likes.
 *
 * <p>Each jar is loaded from a private copy ({@code PluginCopy}), so the file in the folder can be
 * replaced or deleted at any time; a plugin's class loader is closed, and its copy deleted, when
 * its last plugin stops. {@code PluginSlots} is the registry of plugins by name, {@code
 * FolderStamps} decides when a changed file is worth reading, and {@code PluginInstaller} does the
 * starting, restarting and stopping that {@code PluginManager} is asked for.
 *
 * <p>Nothing here is fatal: a jar that is not a jar, bundles the API, names a missing class, or a
 * plugin whose {@code start} throws or hangs, costs one clear ERROR line and that plugin only.
 *
 * <p>The lead wires it up as
 *
 * <pre>{@code
 * PluginManager plugins = new PluginManager(folder, configs, baseDirectory, startTimeout, bus, bus::subscribe);
 * plugins.startAll();
 * // while running (reload: true), at each poll and from JMX:
 * PluginChanges changes = plugins.rescan();
 * plugins.reconfigure(next.plugins().config());
 * List<PluginView> view = plugins.plugins();
 * String result = plugins.restart("audit-log");  // also stop(name), start(name)
 * // at exit, after the bus has drained:
 * plugins.stopAll(shutdownTimeout);
 * }</pre>
 *
 * <p>A compiled, complete plugin: {@code
 * examples/console-plugin/src/main/java/dev/herald/examples/console/ConsolePlugin.java}; the plugin
 * this package's tests build at test time: {@code PluginFixtures} under {@code agent/src/test}.
 *
 * <p>Only {@link dev.herald.agent.plugin.PluginManager}, {@link
 * dev.herald.agent.plugin.NamedSubscriber}, {@link dev.herald.agent.plugin.PluginChanges}, {@link
 * dev.herald.agent.plugin.PluginView} and {@link dev.herald.agent.plugin.PluginThreadsWatch} are
 * public, for the agent's start-up, reload and JMX code; they are not API and plugins must not use them.
 */
package dev.herald.agent.plugin;
