/**
 * The agent's start-up: {@link dev.herald.agent.HeraldAgent} wires the config, the bus, the
 * plugins and the instrumentation together. Everything under {@code dev.herald.agent} except
 * {@code bootstrap} lives in the agent's own class loader, hidden from the application.
 */
package dev.herald.agent;
