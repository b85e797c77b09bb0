/**
 * The agent's start-up and life: {@link dev.herald.agent.HeraldAgent} wires the config, the bus,
 * the plugins and the instrumentation together, {@code BackgroundStart} does what the application
 * need not wait for, and {@code LiveChanges} applies changes made while it runs. Everything under {@code dev.herald.agent} except
 * {@code bootstrap} lives in the agent's own class loader, hidden from the application.
 */
package dev.herald.agent;
