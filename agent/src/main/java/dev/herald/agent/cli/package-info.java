/**
 * The agent jar's command line, {@code java -jar herald-agent.jar <command>}: {@code check} (a dry
 * run of a config against the application's class path), {@code attach} and {@code list}.
 *
 * <p>Terms: a <em>covered</em> type is one a {@code services} entry names, or a subtype of one; a
 * <em>base</em> is an unconfigured supertype whose methods a covered type inherits (instrumented
 * too); a call emits with the <em>nearest configured type</em> of its receiver. {@link
 * dev.herald.agent.instrument.ServiceCoverage} applies the instrument package's own {@code ServiceIndex}
 * to class files, so that {@code check} decides exactly as the agent does. See {@code docs/operations.md} for the commands and their output.
 */
package dev.herald.agent.cli;
