package dev.herald.it.reliability.app;

import dev.herald.api.BusStatistics;
import dev.herald.api.Herald;
import dev.herald.api.SubscriptionStatistics;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Standard output in the {@code key=value} lines the tests read, and small shared helpers. */
final class Out {

  private Out() {}

  static void print(String key, Object value) {
    System.out.println(key + "=" + value);
    System.out.flush();
  }

  /**
   * Prints {@code Herald.bus().statistics()}: {@code <prefix>.published} and so on, then one
   * {@code <prefix>.sub.<name>.<counter>} line per live subscription.
   */
  static BusStatistics statistics(String prefix) {
    BusStatistics stats = Herald.bus().statistics();
    print(prefix + ".published", stats.published());
    print(prefix + ".delivered", stats.delivered());
    print(prefix + ".failed", stats.failed());
    print(prefix + ".dropped", stats.dropped());
    for (SubscriptionStatistics sub : stats.subscriptions()) {
      String key = prefix + ".sub." + sub.name();
      print(key + ".delivered", sub.delivered());
      print(key + ".failed", sub.failed());
      print(key + ".dropped", sub.dropped());
      print(key + ".queued", sub.queued());
    }
    return stats;
  }

  /** The named subscription's counters now; null if there is none. */
  static SubscriptionStatistics subscription(String name) {
    return Herald.bus().statistics().subscriptions().stream()
        .filter(sub -> sub.name().equals(name)).findFirst().orElse(null);
  }

  /** True while a thread named {@code name} runs (Herald's {@code herald-start} ends once the plugins have started). */
  static boolean threadAlive(String name) {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.getName().equals(name));
  }

  /** Polls {@code condition} until it holds or {@code timeoutMillis} pass; returns whether it held. */
  static boolean await(BooleanSupplier condition, long timeoutMillis) {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      LockSupport.parkNanos(1_000_000L);
    }
    return true;
  }

  /** Heap in use after full collections, in bytes (run with -XX:+UseSerialGC for stable figures). */
  static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return used;
  }
}
