package dev.herald.it.reliability.app;

import dev.herald.api.Herald;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * Point 1: {@code threads} threads (8) each make {@code calls} (100,000) service calls at once;
 * then flushes and prints the statistics. The listeners are the {@code counting} plugin's.
 */
final class LoadScenario {

  private LoadScenario() {}

  static void run(Options options) throws InterruptedException {
    int threads = (int) options.number("threads", 8);
    long calls = options.number("calls", 100_000);
    OrderService service = new OrderService();
    CountDownLatch go = new CountDownLatch(1);
    LongAdder wrong = new LongAdder();
    LongAdder errors = new LongAdder();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        try {
          go.await();
          for (long i = 0; i < calls; i++) {
            if (service.create(i) != i + 1) {
              wrong.increment();
            }
          }
        } catch (Throwable e) {
          errors.increment();
          e.printStackTrace();
        }
      }, "load-" + t);
      workers.add(worker);
      worker.start();
    }
    long start = System.nanoTime();
    go.countDown();
    for (Thread worker : workers) {
      worker.join(120_000);
    }
    Out.print("calls-ms", (System.nanoTime() - start) / 1_000_000);
    Out.print("calls", service.calls());
    Out.print("wrong-results", wrong.sum());
    Out.print("worker-errors", errors.sum());
    Out.print("flush", Herald.bus().flush(Duration.ofSeconds(60)));
    Out.print("drain-ms", (System.nanoTime() - start) / 1_000_000);
    Out.statistics("end");
  }
}
