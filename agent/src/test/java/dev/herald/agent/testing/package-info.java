/** Helpers for the agent's unit tests. */
package dev.herald.agent.testing;
