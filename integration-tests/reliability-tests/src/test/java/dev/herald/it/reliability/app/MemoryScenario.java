package dev.herald.it.reliability.app;

import dev.herald.api.Event;
import dev.herald.api.EventListener;
import dev.herald.api.Herald;
import dev.herald.api.Subscription;
import dev.herald.api.SubscriptionStatistics;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Point 7, heap: {@code calls} service calls (two events each) into a {@link Stalled} listener,
 * with the used heap after a full GC measured before, every million calls, and after the listener
 * was released and its subscription closed. Sizes are printed in bytes.
 */
final class MemoryScenario {

  private MemoryScenario() {}

  static void run(Options options) throws InterruptedException {
    long calls = options.number("calls", 5_000_000);
    OrderService service = new OrderService();
    for (long i = 0; i < 20_000; i++) {
      service.create(i); // warms the code paths up while nobody listens
    }
    // Events of calls made before the agent's plugins have started are kept for whoever has subscribed
    // by then: let them go (to nobody) before subscribing, so that the counts below are this loop's.
    Herald.bus().flush(Duration.ofSeconds(30));
    // and the agent's own start-up (Logback, the JMX beans) over: what it holds while it runs is
    // not the bus's, and measured in the middle of it once showed 22 MB more for one sample
    Out.print("agent-started", Out.await(() -> !Out.threadAlive("herald-start"), 30_000));
    long baseline = Out.usedHeapAfterGc();
    CountDownLatch release = new CountDownLatch(1);
    Subscription stalled = Herald.bus().on("order.*.*", new Stalled(release));
    long peak = 0;
    StringBuilder samples = new StringBuilder();
    long start = System.nanoTime();
    for (long i = 0; i < calls; i++) {
      service.create(i);
      if ((i + 1) % 1_000_000 == 0) {
        long used = Out.usedHeapAfterGc();
        peak = Math.max(peak, used);
        samples.append(samples.length() == 0 ? "" : " ").append(used);
      }
    }
    Out.print("heap-samples", samples);
    Out.print("calls-ms", (System.nanoTime() - start) / 1_000_000);
    SubscriptionStatistics held = stalled.statistics();
    Out.print("stalled-queued", held.queued());
    Out.print("stalled-dropped-while-stalled", held.dropped());
    release.countDown();
    Out.print("flush", Herald.bus().flush(Duration.ofSeconds(60)));
    SubscriptionStatistics done = stalled.statistics();
    Out.print("stalled-delivered", done.delivered());
    Out.print("stalled-dropped", done.dropped());
    stalled.close();
    long end = Out.usedHeapAfterGc();
    Out.print("published", Herald.bus().statistics().published());
    Out.print("heap-baseline", baseline);
    Out.print("heap-peak", peak);
    Out.print("heap-end", end);
  }

  /** Blocks every delivery until released: a listener stalled on a lock or a dead remote. */
  record Stalled(CountDownLatch release) implements EventListener {
    @Override
    public void onEvent(Event event) throws InterruptedException {
      release.await();
    }
  }
}
