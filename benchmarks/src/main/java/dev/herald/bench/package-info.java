/**
 * Herald's JMH benchmarks and the launcher that runs them side by side: {@link
 * dev.herald.bench.BenchmarkMain}. See {@code benchmarks/README.md} for the command and the figures.
 */
package dev.herald.bench;
