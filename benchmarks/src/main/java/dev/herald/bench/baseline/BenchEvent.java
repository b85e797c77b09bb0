package dev.herald.bench.baseline;

/**
 * The event the hand-written baselines publish: about what a Herald event carries for a trivial
 * call (name, arguments, result, time), so every case allocates comparable objects.
 *
 * @param name e.g. {@code account.before.create}
 * @param args the call's arguments; never null
 * @param result the return value; null for a before event
 * @param nanoTime {@link System#nanoTime()} when the event happened
 */
public record BenchEvent(String name, Object[] args, Object result, long nanoTime) {}
