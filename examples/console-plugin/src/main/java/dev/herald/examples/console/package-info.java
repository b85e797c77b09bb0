/**
 * The console plugin: one readable line per event on standard output, the worked example of
 * {@code docs/plugins.md}.
 *
 * <pre>
 * 12:00:00.123 order.after.create    OrderService.placeOrder #42  3.1 ms  actor=alice  -&gt; Order[id=7, total=30.00]
 * </pre>
 *
 * <p>{@link dev.herald.examples.console.ConsolePlugin} reads the settings ({@link
 * dev.herald.examples.console.ConsoleSettings}) and subscribes; {@code ConsoleLine} formats an
 * event, {@code ValueText} renders argument and result values safely and briefly, {@code
 * Terminal} decides whether to colour.
 */
package dev.herald.examples.console;
