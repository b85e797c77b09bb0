package dev.herald.it.reliability.app;

import dev.herald.api.SubscriptionStatistics;

/**
 * Point 3: the {@code hanging} plugin never returns from its first event; the {@code counting}
 * plugin listens beside it. Times the service's calls, waits until the counting subscription has
 * handled (delivered or dropped) every event, and prints the time main ends, so the test can tell
 * how long the exit took.
 */
final class HangingScenario {

  private HangingScenario() {}

  static void run(Options options) {
    long calls = options.number("calls", 10_000);
    OrderService service = new OrderService();
    long start = System.nanoTime();
    for (long i = 0; i < calls; i++) {
      service.create(i);
    }
    Out.print("calls-ms", (System.nanoTime() - start) / 1_000_000);
    boolean served = Out.await(() -> {
      SubscriptionStatistics counting = Out.subscription("counting:VerifyingListener");
      return counting != null && counting.delivered() + counting.dropped() == 2 * calls;
    }, 60_000);
    Out.print("counting-served", served);
    Out.statistics("end");
    Out.print("main-end-epoch-ms", System.currentTimeMillis());
  }
}
