/**
 * The agent's own logging: relocated Logback configured in code, apart from the application's
 * logging, and a rate limiter for problems that repeat per event.
 *
 * <p>{@link dev.herald.agent.log.AgentLog} hands out SLF4J loggers. In a running agent they write
 * through a small start-up writer ({@code EarlyLog}, the same line format) until Logback has been
 * set up off the application's start-up path; {@code LogSwitch} then moves every logger to Logback
 * at once, after the last early line.
 *
 * <p>Both write text lines ({@code 12:00:00.123 [herald] INFO  message}, a stack trace on the lines
 * after) or, with {@code log.format: json}, one JSON object per message built by {@code JsonLine}
 * ({@code JsonLayout} for Logback).
 */
package dev.herald.agent.log;
