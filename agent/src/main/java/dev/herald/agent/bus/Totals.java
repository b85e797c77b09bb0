package dev.herald.agent.bus;

import java.util.concurrent.atomic.LongAdder;

/**
 * The bus-wide counters, which outlive subscriptions: a closed subscription's deliveries still
 * count. Striped adders, so that publishers and delivery threads do not contend on one cache line;
 * the publishers' count, added per event, is per thread and needs no atomic instruction at all.
 */
final class Totals {
  /** A {@link ThreadCounters} slot: publishers count with a plain add to their own cell. */
  final int publishedSlot = ThreadCounters.newSlot();
  final LongAdder delivered = new LongAdder();
  final LongAdder failed = new LongAdder();
  final LongAdder dropped = new LongAdder();
  /**
   * Publishes that failed part-way (a StackOverflowError deep in the caller's recursion), whose
   * event may have reached no queue: counted with a field increment, which needs no call. Racy, as
   * a diagnostic may be.
   */
  volatile long failedPublishes;

  long published() {
    return ThreadCounters.sum(publishedSlot);
  }
}
