/**
 * The application the hardening tests run with the agent: {@link dev.herald.it.hardening.app.ProbeApp}
 * (one mode per test: {@code config}, {@code plugins}, {@code secrets}) and the services it calls.
 *
 * <p>It reports in {@code key=value} lines on standard output and ends with {@code APP DONE}; it
 * returns from {@code main} rather than calling {@code System.exit}, so that a thread left running
 * by a plugin would keep the JVM alive and the test would see it.
 */
package dev.herald.it.hardening.app;
