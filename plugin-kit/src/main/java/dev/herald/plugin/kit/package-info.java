/**
 * The plugin compatibility kit: checks a {@link dev.herald.api.HeraldPlugin} against Herald's
 * contract without an agent.
 *
 * <p>A plugin's test extends {@link dev.herald.plugin.kit.PluginCompatibilityKit}, returns a fresh
 * plugin from {@code createPlugin()} and, if the plugin needs settings, overrides {@code
 * config(Path)}. The kit starts the plugin on a {@link dev.herald.plugin.kit.TestBus} (a
 * synchronous bus that calls listeners on the publishing thread and records whatever they throw)
 * and feeds it every phase and {@link dev.herald.plugin.kit.OddValues odd arguments}.
 *
 * <p>The same helpers serve a plugin's own tests: {@link dev.herald.plugin.kit.TestEvents} builds
 * events, {@link dev.herald.plugin.kit.TestPluginContext} hands the plugin its settings. A compiled
 * example: {@code examples/console-plugin/src/test/java/dev/herald/examples/console/ConsolePluginCompatibilityTest.java}.
 */
package dev.herald.plugin.kit;
