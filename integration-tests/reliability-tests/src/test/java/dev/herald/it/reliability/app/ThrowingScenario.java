package dev.herald.it.reliability.app;

import dev.herald.api.Herald;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Point 4: the {@code throwing} plugin fails on every event. Makes {@code calls} service calls, or
 * as many as fit in {@code seconds} if that is longer, checks that every one returned its own
 * result and threw nothing, then flushes and prints the statistics.
 */
final class ThrowingScenario {

  private ThrowingScenario() {}

  static void run(Options options) {
    long calls = options.number("calls", 200_000);
    long until = System.nanoTime() + options.number("seconds", 0) * 1_000_000_000L;
    OrderService service = new OrderService();
    long ok = 0;
    long thrown = 0;
    long start = System.nanoTime();
    long i = 0;
    for (; i < calls || System.nanoTime() - until < 0; i++) {
      try {
        if (service.create(i) == i + 1) {
          ok++;
        }
      } catch (RuntimeException | Error e) {
        thrown++;
      }
    }
    Out.print("calls-ms", (System.nanoTime() - start) / 1_000_000);
    Out.print("calls", i);
    Out.print("calls-ok", ok);
    Out.print("calls-thrown", thrown);
    Out.print("flush", Herald.bus().flush(Duration.ofSeconds(60)));
    Out.statistics("end");
    Out.print("uptime-ms", ManagementFactory.getRuntimeMXBean().getUptime());
  }
}
