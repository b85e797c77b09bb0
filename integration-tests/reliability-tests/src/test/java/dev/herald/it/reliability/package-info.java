/**
 * Fault-injection tests of DESIGN.md's bus guarantees (issue 3, points 1-7), each in forked JVMs
 * running {@link dev.herald.it.reliability.app.ReliabilityApp} with the agent and the probe
 * plugins of {@link dev.herald.it.reliability.plugins}.
 *
 * <p>The harness ({@code Jvm}, {@code Workspace}, {@code ProbeJar}, {@code Figures}) is a trimmed
 * copy of {@code integration-tests/tests}' (test classes of another module are not shared).
 * Observations come from outside the JVM: the application's {@code key=value} lines, the probe
 * plugins' reports written at stop, and the agent's stderr lines. Every test prints its figures
 * (events published, delivered, dropped, heap, seconds) as one {@code FIGURE} line.
 */
package dev.herald.it.reliability;
