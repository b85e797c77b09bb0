package dev.herald.it.reliability.app;

import dev.herald.api.Event;
import dev.herald.api.EventListener;
import dev.herald.api.Herald;
import dev.herald.api.SubscriptionStatistics;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Point 2: the {@code slow} plugin (10 ms per event) and this application's {@link FastListener}
 * on the same events, from {@code calls} service calls {@code pause-micros} apart (500 µs: about
 * four events per slow listener's 10 ms). Reports when the fast one had everything, what the slow one had handled by
 * then, and the final counts after a flush.
 */
final class SlowScenario {

  private SlowScenario() {}

  static void run(Options options) throws InterruptedException {
    long calls = options.number("calls", 2_000);
    long pauseNanos = options.number("pause-micros", 500) * 1_000;
    OrderService service = new OrderService();
    FastListener fast = new FastListener(new CountDownLatch((int) (2 * calls)));
    Herald.bus().on("order.*.*", fast);
    // The plugins first: events made while they start are kept, at most queue-capacity of them, and
    // a start slowed down by a busy machine would drop some of the fast listener's too (drop-oldest).
    Out.print("plugins-started", Out.await(() -> Out.subscription("slow:SlowListener") != null
        && !Out.threadAlive("herald-start"), 30_000));
    long start = System.nanoTime();
    for (long i = 0; i < calls; i++) {
      service.create(i);
      // a service's pace, not a burst: a queue of any size overflows under a tight loop
      LockSupport.parkNanos(pauseNanos);
    }
    Out.print("calls-ms", (System.nanoTime() - start) / 1_000_000);
    Out.print("fast-complete", fast.all.await(30, TimeUnit.SECONDS));
    Out.print("fast-ms", (System.nanoTime() - start) / 1_000_000);
    SubscriptionStatistics slow = Out.subscription("slow:SlowListener");
    Out.print("slow-handled-when-fast-complete", slow == null ? -1 : slow.delivered() + slow.failed());
    Out.print("flush", Herald.bus().flush(Duration.ofSeconds(60)));
    Out.statistics("end");
    Out.print("uptime-ms", ManagementFactory.getRuntimeMXBean().getUptime());
  }

  /** Counts down one latch per event: as fast as a listener gets. */
  static final class FastListener implements EventListener {

    final CountDownLatch all;

    FastListener(CountDownLatch all) {
      this.all = all;
    }

    @Override
    public void onEvent(Event event) {
      all.countDown();
    }
  }
}
