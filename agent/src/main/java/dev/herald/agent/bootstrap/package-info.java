/**
 * The few agent classes on the bootstrap class path: the premain entry point, the class loader of
 * the agent's implementation, and the static hooks instrumented code calls. Not API: the
 * application must not use them.
 *
 * <p>See {@code docs/architecture.md} for what loads where.
 */
package dev.herald.agent.bootstrap;
