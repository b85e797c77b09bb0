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

  long published() {
    return ThreadCounters.sum(publishedSlot);
  }
}
