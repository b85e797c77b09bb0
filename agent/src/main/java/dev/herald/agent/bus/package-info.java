/**
 * Herald's event bus: {@link dev.herald.agent.bus.DefaultEventBus}, the {@link
 * dev.herald.api.EventBus} that {@code Herald.bus()} answers with when the agent runs.
 *
 * <p>Terms: a <em>subscription</em> holds a listener, a pattern and its own bounded queue (a
 * JCTools array queue, capacity rounded up to a power of two). A {@link dev.herald.agent.bus.Route}
 * is the list of subscriptions one event name goes to, kept up to date by the bus, so the agent
 * looks it up once per instrumented method and publishes with one volatile read. <em>Delivery
 * threads</em> ({@code herald-delivery-N}, daemons) poll the queues with an idle strategy instead
 * of being woken per event; each subscription is drained by at most one thread at a time, which
 * keeps its events in order and confines a stuck listener to one thread. The {@link
 * dev.herald.agent.bus.OverflowPolicy} says what a full queue does; every event it gives up on is
 * counted and logged, rate-limited.
 *
 * <p>The JCTools queues are its {@code atomic} variants, built on the JDK's atomics (field
 * updaters, {@code AtomicReferenceArray}) instead of {@code sun.misc.Unsafe}: the Unsafe ones make
 * JDK 24 and later print a deprecation warning on the application's standard error.
 *
 * <p>How the agent uses it: {@code DefaultEventBus bus = new DefaultEventBus(options)}; per
 * instrumented method {@code Route route = bus.route("order.after.create")}; per call {@code if
 * (!route.isEmpty()) bus.publish(route, event)}; at JVM exit {@code
 * bus.shutdown(options.shutdownTimeout())}. Tests in {@code src/test/java/dev/herald/agent/bus}
 * show each behaviour, compiled.
 */
package dev.herald.agent.bus;
