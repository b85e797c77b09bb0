/** Benchmark 2, delivered events per second, Herald against Guava's AsyncEventBus. */
package dev.herald.bench.throughput;
