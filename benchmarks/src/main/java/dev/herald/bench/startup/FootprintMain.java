package dev.herald.bench.startup;

import dev.herald.api.Herald;
import dev.herald.bench.service.AccountService;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;

/**
 * The footprint probe: starts like an application that uses Herald (one subscription, so the
 * delivery threads run; a thousand instrumented calls), waits for the agent's start-up threads to
 * end, collects garbage, then prints one line:
 * {@code heap=<bytes used> threads=<live> herald=<names of herald-* threads>}. Run with and without
 * the agent, the difference is what the agent holds.
 */
public final class FootprintMain {

  private FootprintMain() {}

  public static void main(String[] args) throws InterruptedException {
    Herald.bus().on("*.*.*", event -> { });
    AccountService service = new AccountService();
    for (int i = 0; i < 1000; i++) {
      service.create("alice");
    }
    Herald.bus().flush(Duration.ofSeconds(10));
    // After start-up: herald-start ends once the plugins, Logback and the JMX beans are set up;
    // measuring before would miss what it leaves and count it as a thread.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (startupThreadAlive() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) { // several rounds: finalizers and soft references settle
      System.gc();
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    Set<Thread> threads = Thread.getAllStackTraces().keySet();
    StringBuilder herald = new StringBuilder();
    for (Thread thread : threads) {
      if (thread.getName().startsWith("herald")) {
        herald.append(herald.length() == 0 ? "" : ",").append(thread.getName());
      }
    }
    System.out.println("heap=" + used + " threads=" + threads.size() + " herald=" + herald);
  }

  private static boolean startupThreadAlive() {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals("herald-start")) {
        return true;
      }
    }
    return false;
  }
}
