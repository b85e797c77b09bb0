package dev.herald.agent.bus;

import java.util.concurrent.atomic.LongAdder;

/**
 * The bus-wide counters, which outlive subscriptions: a closed subscription's deliveries still
 * count. Striped adders, so that publishers and delivery threads do not contend on one cache line.
 */
final class Totals {
  final LongAdder published = new LongAdder();
  final LongAdder delivered = new LongAdder();
  final LongAdder failed = new LongAdder();
  final LongAdder dropped = new LongAdder();
}
