/**
 * What Herald is measured against: a hand-written {@code ArrayBlockingQueue} hand-off, AspectJ
 * load-time weaving and a JDK proxy, both publishing to Guava's {@code AsyncEventBus}, and the floor
 * (two clock reads and two allocations around the call).
 */
package dev.herald.bench.baseline;
