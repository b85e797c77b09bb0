/**
 * The probe plugins of the reliability tests: tiny {@link dev.herald.api.HeraldPlugin}s that count,
 * sleep, hang or throw, jarred at test time from these compiled classes (see {@code ProbeJar}).
 *
 * <p>All of them live in one jar and each is inert unless {@code plugins.config.<name>.pattern} is
 * set, so a test turns on only the ones it needs. What they saw is written at {@code stop()} as
 * {@code key=value} lines to {@code plugins.config.<name>.report} (relative to the config file's
 * folder), so that the tests observe from outside the JVM. They use the JDK and the API only.
 */
package dev.herald.it.reliability.plugins;
