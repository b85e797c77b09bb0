package dev.herald.agent.bus;

import static dev.herald.agent.bus.BusTestSupport.WAIT;
import static dev.herald.agent.bus.BusTestSupport.await;
import static dev.herald.agent.bus.BusTestSupport.number;
import static dev.herald.agent.bus.BusTestSupport.options;
import static dev.herald.agent.bus.BusTestSupport.order;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.herald.agent.bus.BusTestSupport.LogCapture;
import dev.herald.api.Event;
import dev.herald.api.Phase;
import dev.herald.api.Subscription;
import dev.herald.api.SubscriptionStatistics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each policy with a queue of 4 and a listener held on a latch on the first event: one event in
 * the listener's hands, 4 queued, the rest overflow.
 */
class BusOverflowTest {

  private static final int CAPACITY = 4;

  private DefaultEventBus bus;
  private final CountDownLatch held = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<Integer> received = new ArrayList<>();

  @AfterEach
  void shutDown() {
    release.countDown();
    bus.shutdown(Duration.ofSeconds(2));
  }

  private Subscription holdingSubscription(OverflowPolicy overflow, Duration blockTimeout) {
    bus = new DefaultEventBus(options(CAPACITY, overflow, blockTimeout, 1));
    return bus.subscribe("order.*.*", "test:Held", e -> {
      received.add(number(e));
      held.countDown();
      release.await();
    });
  }

  /** Publishes 0, waits until the listener holds it, then publishes 1..9. */
  private void publishTenWhileHeld() throws InterruptedException {
    bus.publish(order(0));
    await(held, "the listener to hold event 0");
    for (int i = 1; i < 10; i++) {
      bus.publish(order(i));
    }
  }

  @Test
  void dropNewestKeepsTheQueueAndCountsTheRest() throws Exception {
    Subscription subscription = holdingSubscription(OverflowPolicy.DROP_NEWEST, Duration.ZERO);
    try (LogCapture log = new LogCapture()) {
      publishTenWhileHeld();
      assertThat(subscription.statistics())
          .isEqualTo(new SubscriptionStatistics("test:Held", "order.*.*", 0, 0, 5, 4, 5));
      release.countDown();
      assertThat(bus.flush(WAIT)).isTrue();
      assertThat(received).containsExactly(0, 1, 2, 3, 4);
      assertThat(subscription.statistics())
          .isEqualTo(new SubscriptionStatistics("test:Held", "order.*.*", 5, 0, 5, 0, 5));
      // five drops inside 10 s: one line, at the first
      assertThat(log.lines(Level.WARN, "subscription 'test:Held'")).containsExactly(
          "subscription 'test:Held' (pattern order.*.*) dropped 1 event in the last 10 s"
              + " (queue full, overflow drop-newest); 1 in all" + DropLog.ADVICE);
      // the four after it are told at shutdown, not only in the bus's total
      bus.shutdown(WAIT);
      assertThat(log.lines(Level.WARN, "subscription 'test:Held'")).last().isEqualTo(
          "subscription 'test:Held' (pattern order.*.*) dropped 4 more events since its last report"
              + " (queue full, overflow drop-newest); 5 in all" + DropLog.ADVICE);
    }
  }

  @Test
  void aSubscriptionClosedBeforeShutdownTellsItsDropsSinceItsLastLine() throws Exception {
    Subscription subscription = holdingSubscription(OverflowPolicy.DROP_NEWEST, Duration.ZERO);
    try (LogCapture log = new LogCapture()) {
      publishTenWhileHeld(); // five drops inside 10 s: a line at the first, four untold
      subscription.close(); // a plugin stopped, say: the bus's shutdown report no longer reaches it

      assertThat(log.lines(Level.WARN, "subscription 'test:Held'")).containsExactly(
          "subscription 'test:Held' (pattern order.*.*) dropped 1 event in the last 10 s"
              + " (queue full, overflow drop-newest); 1 in all" + DropLog.ADVICE,
          "subscription 'test:Held' (pattern order.*.*) dropped 4 more events since its last report"
              + " (queue full, overflow drop-newest); 5 in all" + DropLog.ADVICE);
    }
  }

  @Test
  void dropOldestKeepsTheNewestEvents() throws Exception {
    Subscription subscription = holdingSubscription(OverflowPolicy.DROP_OLDEST, Duration.ZERO);
    publishTenWhileHeld();
    assertThat(subscription.statistics().dropped()).isEqualTo(5);
    assertThat(subscription.statistics().queued()).isEqualTo(4);
    assertThat(subscription.statistics().queueFull()).as("publishes that found the queue full").isEqualTo(5);
    release.countDown();
    assertThat(bus.flush(WAIT)).isTrue();
    assertThat(received).containsExactly(0, 6, 7, 8, 9);
    assertThat(bus.statistics().dropped()).isEqualTo(5);
    assertThat(bus.statistics().delivered()).isEqualTo(5);
  }

  @Test
  void blockWaitsForTheTimeoutThenDrops() throws Exception {
    Duration timeout = Duration.ofMillis(30);
    Subscription subscription = holdingSubscription(OverflowPolicy.BLOCK, timeout);
    bus.publish(order(0));
    await(held, "the listener to hold event 0");
    for (int i = 1; i <= CAPACITY; i++) {
      bus.publish(order(i));
    }
    long start = System.nanoTime();
    bus.publish(order(5));
    long waited = System.nanoTime() - start;

    assertThat(waited).as("nanoseconds waited for room").isGreaterThanOrEqualTo(timeout.toNanos());
    assertThat(subscription.statistics().dropped()).isEqualTo(1);
    assertThat(subscription.statistics().queueFull()).as("one publish found the queue full").isEqualTo(1);
    release.countDown();
    assertThat(bus.flush(WAIT)).isTrue();
    assertThat(received).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void anInterruptedPublisherWaitsParkedForRoomAndKeepsTheInterrupt() throws Exception {
    Duration timeout = Duration.ofMillis(400);
    Subscription subscription = holdingSubscription(OverflowPolicy.BLOCK, timeout);
    bus.publish(order(0));
    await(held, "the listener to hold event 0");
    for (int i = 1; i <= CAPACITY; i++) {
      bus.publish(order(i));
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuBefore = threads.getCurrentThreadCpuTime();

    Thread.currentThread().interrupt();
    bus.publish(order(5));
    boolean keptInterrupt = Thread.interrupted();
    long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1_000_000;

    assertThat(subscription.statistics().dropped()).isEqualTo(1);
    assertThat(keptInterrupt).isTrue();
    // parked, a few ms of CPU; spinning (parkNanos returns at once when interrupted), all 400 ms
    assertThat(cpuMillis).as("CPU ms the interrupted publisher took").isLessThan(200);
  }

  @Test
  void blockDoesNotCountAStallOfThePublisherAgainstTheTimeout() throws Exception {
    Duration timeout = Duration.ofMillis(100);
    Subscription subscription = holdingSubscription(OverflowPolicy.BLOCK, timeout);
    bus.publish(order(0));
    await(held, "the listener to hold event 0");
    for (int i = 1; i <= CAPACITY; i++) {
      bus.publish(order(i));
    }
    // The publisher's first pause takes 150 ms, as a GC pause would, and the listener is let go
    // 20 ms after it: room comes after the 100 ms timeout, with ~20 ms of waiting. Forgiven are up
    // to 100 ms of the stall: the publisher gives up at ~200 ms.
    ((BusSubscription) subscription).overflow.waiting = step -> {
      if (step == 0) {
        sleepQuietly(150);
        return false;
      }
      return Backoff.pause(step);
    };
    Thread releaser = new Thread(() -> {
      sleepQuietly(170);
      release.countDown();
    });
    releaser.start();
    bus.publish(order(5));
    releaser.join();

    assertThat(subscription.statistics().dropped()).as("events dropped").isZero();
    assertThat(bus.flush(WAIT)).isTrue();
    assertThat(received).containsExactly(0, 1, 2, 3, 4, 5);
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void blockDeliversOnceRoomIsMade() throws Exception {
    Subscription subscription = holdingSubscription(OverflowPolicy.BLOCK, WAIT);
    bus.publish(order(0));
    await(held, "the listener to hold event 0");
    for (int i = 1; i <= CAPACITY; i++) {
      bus.publish(order(i));
    }
    Thread publisher = new Thread(() -> bus.publish(order(5)));
    publisher.start();
    release.countDown();
    publisher.join(WAIT.toMillis());

    assertThat(publisher.isAlive()).as("publisher still waiting").isFalse();
    assertThat(bus.flush(WAIT)).isTrue();
    assertThat(received).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(subscription.statistics().dropped()).isZero();
  }

  @Test
  void aListenerPublishingIntoAFullQueueDropsInsteadOfWaiting() throws Exception {
    // one delivery thread, inside the echoing listener: the other subscription's queue cannot drain
    bus = new DefaultEventBus(options(CAPACITY, OverflowPolicy.BLOCK, WAIT, 1));
    CountDownLatch published = new CountDownLatch(1);
    Subscription echo = bus.subscribe("order.*.*", "test:Echo", e -> {
      if (e.phase() == Phase.BEFORE) {
        for (int i = 0; i < 10; i++) {
          bus.publish(order(i)); // would wait WAIT per event, on this thread, if it blocked
        }
        published.countDown();
      }
    });
    Subscription after = bus.subscribe("order.after.*", "test:After", e -> { });
    bus.publish(Event.builder("order", Phase.BEFORE, "create").build());

    await(published, "the listener's ten publishes to return");
    assertThat(bus.flush(WAIT)).isTrue();
    assertThat(after.statistics().delivered()).isEqualTo(CAPACITY);
    assertThat(after.statistics().dropped()).isEqualTo(10 - CAPACITY);
    assertThat(echo.statistics().delivered()).as("its own publishes are not delivered to it").isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(OverflowPolicy.class)
  void countsEveryEventExactlyOnceUnderConcurrentPublishers(OverflowPolicy overflow) throws Exception {
    bus = new DefaultEventBus(options(16, overflow, Duration.ofMillis(1), 2));
    AtomicLong seen = new AtomicLong();
    Subscription subscription = bus.on("order.*.*", e -> {
      seen.incrementAndGet();
      Thread.onSpinWait();
    });
    int publishers = 4;
    int perPublisher = 5_000;
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < publishers; p++) {
      Thread thread = new Thread(() -> {
        for (int i = 0; i < perPublisher; i++) {
          bus.publish(order(i));
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join(WAIT.toMillis());
    }
    assertThat(bus.flush(WAIT)).isTrue();

    SubscriptionStatistics statistics = subscription.statistics();
    assertThat(statistics.delivered() + statistics.failed() + statistics.dropped() + statistics.queued())
        .isEqualTo(publishers * perPublisher);
    assertThat(statistics.delivered()).isEqualTo(seen.get());
    assertThat(statistics.queued()).isZero();
    assertThat(bus.statistics().published()).isEqualTo(publishers * perPublisher);
  }
}
