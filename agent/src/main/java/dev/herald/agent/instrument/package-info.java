/**
 * Load-time instrumentation: which classes and methods are woven ({@code ServiceMatcher}, {@code
 * ServiceIndex}), the advice inlined into them ({@code WriteAdvice}), and the run-time dispatcher
 * that turns a call into before, after and failed events ({@code EventDispatcher}).
 *
 * <p>Terms: a <em>covered</em> class is configured or a subtype of a configured type; a
 * <em>base</em> is an unconfigured supertype whose write methods a covered class inherits; a
 * <em>site</em> is one instrumented method; a <em>binding</em> ties a method of a runtime class to
 * its entity, operation and bus routes.
 */
package dev.herald.agent.instrument;
