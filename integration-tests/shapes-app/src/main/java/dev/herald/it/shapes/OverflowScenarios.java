package dev.herald.it.shapes;

import dev.herald.api.Herald;
import dev.herald.api.Phase;
import dev.herald.api.Subscription;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Recursions that call a write method at every level until the stack overflows, caught by the
 * application, as a server catches an error and reuses the thread: the StackOverflowError strikes
 * anywhere, Herald's hooks included. Afterwards the thread's calls must emit as before, and the
 * bus must still deliver.
 */
final class OverflowScenarios {

  private static final int ROUNDS = 60;

  private OverflowScenarios() {}

  static void overflow() throws Exception {
    AtomicInteger befores = new AtomicInteger();
    AtomicInteger ends = new AtomicInteger();
    OverflowLedger ledger = new OverflowLedger();
    try (Subscription counting = Herald.bus().on("ledger.*.*",
        event -> (event.phase() == Phase.BEFORE ? befores : ends).incrementAndGet())) {
      int overflows = 0;
      for (int round = 0; round < ROUNDS; round++) {
        try {
          // two frame sizes, so that the overflow strikes at different places in the hooks
          int ignored = round % 2 == 0 ? walk(ledger, 0) : walk(ledger, 0, round, round);
        } catch (StackOverflowError expected) {
          overflows++;
        }
      }
      Report.print("overflow-rounds", overflows);
      Report.print("overflow-flushed", Herald.bus().flush(Duration.ofSeconds(20)));
      befores.set(0);
      ends.set(0);
      for (int i = 0; i < 5; i++) {
        ledger.create(-i);
      }
      Report.print("overflow-flushed-after", Herald.bus().flush(Duration.ofSeconds(20)));
      Report.print("overflow-befores-after", befores.get());
      Report.print("overflow-ends-after", ends.get());
    }
  }

  private static int walk(OverflowLedger ledger, int level) {
    return ledger.create(level) + walk(ledger, level + 1);
  }

  private static int walk(OverflowLedger ledger, int level, long a, long b) {
    return ledger.create(level) + walk(ledger, level + 1, a + 1, b - 1);
  }
}
