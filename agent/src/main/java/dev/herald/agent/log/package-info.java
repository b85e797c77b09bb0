/**
 * The agent's own logging: relocated Logback configured in code, apart from the application's
 * logging, and a rate limiter for problems that repeat per event.
 *
 * <p>{@link dev.herald.agent.log.AgentLog} hands out SLF4J loggers. In a running agent they write
 * through a small start-up writer ({@code EarlyLog}, the same line format) until Logback has been
 * set up off the application's start-up path; {@code LogSwitch} then moves every logger to Logback
 * at once, after the last early line.
 */
package dev.herald.agent.log;
