/**
 * The application the reliability tests run with the agent: {@link
 * dev.herald.it.reliability.app.OrderService} is the instrumented service (entity {@code order}),
 * {@link dev.herald.it.reliability.app.ReliabilityApp} runs one scenario per JVM and reports in
 * {@code key=value} lines on standard output.
 *
 * <p>It runs from this module's test classes ({@code java -cp target/test-classes}); with the
 * agent, {@code dev.herald.api} comes from the bootstrap class path.
 */
package dev.herald.it.reliability.app;
