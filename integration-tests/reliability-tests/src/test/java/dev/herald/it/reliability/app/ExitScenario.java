package dev.herald.it.reliability.app;

import dev.herald.api.SubscriptionStatistics;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * Point 6: makes {@code calls} service calls for the {@code slow} plugin, so that events are still
 * queued, then leaves the JVM the way {@code how} says: {@code return} from main, {@code
 * exit-thread} (System.exit on another thread), {@code throw} (an uncaught exception in main),
 * {@code sigterm} (kill -TERM sent to itself from outside the JVM) or {@code graceful} (return from
 * main, with a shutdown hook that makes {@code hook-calls} more calls, 1 ms apart).
 */
final class ExitScenario {

  private ExitScenario() {}

  static void run(Options options) throws InterruptedException, IOException {
    long calls = options.number("calls", 500);
    String how = options.text("how", "return");
    OrderService service = new OrderService();
    for (long i = 0; i < calls; i++) {
      service.create(i);
    }
    // without calls, not a word to the bus either: statistics() would start the plugins
    SubscriptionStatistics slow = calls == 0 ? null : Out.subscription("slow:SlowListener");
    Out.print("queued-at-exit", slow == null ? -1 : slow.queued());
    Out.print("leaving", how);
    Out.print("main-end-epoch-ms", System.currentTimeMillis());
    switch (how) {
      case "return" -> { }
      case "graceful" -> {
        // a graceful shutdown, as Spring's or a server's: in-flight work finishes in a shutdown hook
        long hookCalls = options.number("hook-calls", 300);
        long pauseMillis = options.number("hook-pause-ms", 0); // halfway: the hook waits for something
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          for (long i = 0; i < hookCalls; i++) {
            service.create(calls + i);
            LockSupport.parkNanos(i == hookCalls / 2 ? pauseMillis * 1_000_000L : 1_000_000L);
          }
          Out.print("hook-done", hookCalls);
        }, "app-graceful-shutdown"));
      }
      case "exit-thread" -> {
        new Thread(() -> System.exit(0), "exiter").start();
        new CountDownLatch(1).await(); // main waits for ever; the other thread ends the JVM
      }
      case "throw" -> throw new IllegalStateException("uncaught in main, as the test expects");
      case "sigterm" -> {
        String pid = Long.toString(ProcessHandle.current().pid());
        new ProcessBuilder("kill", "-TERM", pid).inheritIO().start();
        new CountDownLatch(1).await(); // until the signal ends the JVM
      }
      default -> throw new IllegalArgumentException("unknown exit path " + how);
    }
  }
}
