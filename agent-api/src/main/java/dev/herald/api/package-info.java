/**
 * Herald's public API: the only types plugins and applications compile against.
 *
 * <p>Terms: an {@link dev.herald.api.Event} reports one {@link dev.herald.api.Phase} (before,
 * after, failed) of one write call and is named {@code entity.phase.operation}. The JVM's one
 * {@link dev.herald.api.EventBus}, {@link dev.herald.api.Herald#bus()}, delivers events
 * asynchronously to the {@link dev.herald.api.EventListener}s of matching {@link
 * dev.herald.api.Subscription}s. A {@link dev.herald.api.HeraldPlugin} is a jar in the plugin
 * folder that subscribes when the agent starts it. {@link dev.herald.api.EventContext} says who
 * acts.
 *
 * <p>A compiled, complete plugin: {@code examples/console-plugin/src/main/java/dev/herald/examples/console/ConsolePlugin.java}.
 */
package dev.herald.api;
