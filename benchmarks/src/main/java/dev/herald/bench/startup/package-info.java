/**
 * Benchmarks 3 and 4, measured on whole processes rather than with JMH: start-up time ({@link
 * dev.herald.bench.startup.StartupBench}) and footprint ({@link dev.herald.bench.startup.FootprintBench}).
 */
package dev.herald.bench.startup;
