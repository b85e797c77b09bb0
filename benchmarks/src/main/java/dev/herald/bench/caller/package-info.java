/** Benchmark 1, the caller's cost per instrumented write, Herald against its alternatives. */
package dev.herald.bench.caller;
