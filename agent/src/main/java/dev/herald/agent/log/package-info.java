/**
 * The agent's own logging: relocated Logback configured in code, apart from the application's
 * logging, and a rate limiter for problems that repeat per event.
 */
package dev.herald.agent.log;
