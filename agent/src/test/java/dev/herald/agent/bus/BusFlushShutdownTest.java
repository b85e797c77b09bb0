package dev.herald.agent.bus;

import static dev.herald.agent.bus.BusTestSupport.WAIT;
import static dev.herald.agent.bus.BusTestSupport.await;
import static dev.herald.agent.bus.BusTestSupport.options;
import static dev.herald.agent.bus.BusTestSupport.order;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.herald.agent.bus.BusTestSupport.LogCapture;
import dev.herald.api.Subscription;
import dev.herald.api.SubscriptionStatistics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BusFlushShutdownTest {

  private DefaultEventBus bus = new DefaultEventBus(BusOptions.DEFAULTS);
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void shutDown() {
    release.countDown();
    bus.shutdown(Duration.ofSeconds(2));
  }

  @Test
  void flushReturnsOnceEveryListenerCallReturned() {
    AtomicInteger handled = new AtomicInteger();
    bus.on("order.*.*", e -> handled.incrementAndGet());
    bus.on("*.after.*", e -> handled.incrementAndGet());
    for (int i = 0; i < 5_000; i++) {
      bus.publish(order(i));
    }
    assertThat(bus.flush(WAIT)).isTrue();
    assertThat(handled.get()).isEqualTo(10_000);
  }

  @Test
  void anInterruptedFlushWaitsParkedAndKeepsTheInterrupt() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    bus.on("order.*.*", e -> {
      inside.countDown();
      release.await();
    });
    bus.publish(order(0));
    inside.await();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuBefore = threads.getCurrentThreadCpuTime();

    Thread.currentThread().interrupt();
    boolean flushed = bus.flush(Duration.ofMillis(500));
    boolean keptInterrupt = Thread.interrupted();
    long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1_000_000;

    assertThat(flushed).isFalse();
    assertThat(keptInterrupt).isTrue();
    // parked, it takes a few ms of CPU; spinning because parkNanos returns at once when
    // interrupted, it took the whole 500 ms
    assertThat(cpuMillis).as("CPU ms the interrupted flush took").isLessThan(250);
  }

  @Test
  void theExitSummaryTellsPublishesThatFailedPartWay() {
    bus.on("order.*.*", e -> { });
    // no counter cells: the publish fails at its first step, as one can deep in a recursion
    try (LogCapture log = new LogCapture()) {
      bus.publish(bus.route("order.after.create"), order(1), null);
      bus.publish(order(2));

      assertThat(bus.shutdown(WAIT)).isTrue();
      assertThat(log.lines(Level.INFO, "bus: published")).singleElement().asString()
          .endsWith("; 1 publish failed part-way (see 'bus: publishing failed' above), their events possibly lost");
    }
  }

  @Test
  void flushAndShutdownTakeATimeoutOfForever() {
    bus.on("order.*.*", e -> { });
    bus.publish(order(0));

    assertThat(bus.flush(ChronoUnit.FOREVER.getDuration())).isTrue();
    assertThat(bus.flush(Duration.ofSeconds(Long.MIN_VALUE))).as("a negative timeout is none").isTrue();
    assertThat(bus.shutdown(ChronoUnit.FOREVER.getDuration())).isTrue();
  }

  @Test
  void underDropOldestFlushSeesAnEvictedEventCounted() throws Exception {
    // Publishers evict from a full queue while a flush watches: an event taken out is handled only
    // once it is counted as dropped, or flush returns with it missing from every count.
    bus.shutdown(WAIT);
    bus = new DefaultEventBus(options(4, OverflowPolicy.DROP_OLDEST, Duration.ZERO, 1));
    BusSubscription subscription = (BusSubscription) bus.on("order.*.*", e -> Thread.onSpinWait());
    AtomicLong published = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    Thread publisher = new Thread(() -> {
      for (int i = 0; !stop.get(); i++) {
        bus.publish(order(i));
        published.incrementAndGet();
      }
    }, "app-publisher");
    publisher.start();
    int misses = 0;
    try {
      long end = System.nanoTime() + Duration.ofMillis(1_500).toNanos();
      while (System.nanoTime() < end) {
        long before = published.get();
        if (bus.flush(WAIT)) {
          SubscriptionStatistics counts = subscription.statistics();
          if (counts.delivered() + counts.failed() + counts.dropped() < before) {
            misses++;
          }
        }
      }
    } finally {
      stop.set(true);
      publisher.join();
    }
    assertThat(misses).as("flushes that returned with an event published before them not yet counted").isZero();
  }

  @Test
  void flushWaitsForAnEventAPublisherWithAnOlderRouteOfferedAfterTheClose() {
    BusSubscription subscription = (BusSubscription) bus.on("order.*.*", e -> { });
    subscription.close(); // nothing queued: flush forgets it at once
    assertThat(subscription.tryClaim()).as("a delivery thread of an older round holds the claim").isTrue();

    subscription.offer(order(1), 0); // a publisher that read the route before the close

    assertThat(bus.flush(Duration.ofMillis(50))).as("the late event is neither handled nor forgotten").isFalse();
    subscription.release(); // the claim holder lets go: it drops and counts the event
    assertThat(bus.flush(WAIT)).isTrue();
    assertThat(subscription.statistics().dropped()).isEqualTo(1);
  }

  @Test
  void flushTimesOutWhileAListenerIsStuck() throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    bus.on("order.*.*", e -> {
      held.countDown();
      release.await();
    });
    bus.publish(order(1));
    await(held, "the listener to hold the event");

    assertThat(bus.flush(Duration.ofMillis(20))).isFalse();
    release.countDown();
    assertThat(bus.flush(WAIT)).isTrue();
  }

  @Test
  void flushFromAListenerReturnsFalseAtOnce() throws Exception {
    AtomicBoolean result = new AtomicBoolean(true);
    CountDownLatch done = new CountDownLatch(1);
    bus.on("order.*.*", e -> {
      result.set(bus.flush(WAIT));
      done.countDown();
    });
    bus.publish(order(1));
    await(done, "flush called by the listener to return");
    assertThat(result).isFalse();
  }

  @Test
  void shutdownDrainsWhatWasQueuedAndSummarises() {
    bus = new DefaultEventBus(options(8192, OverflowPolicy.BLOCK, WAIT, 2));
    AtomicInteger handled = new AtomicInteger();
    bus.on("order.*.*", e -> handled.incrementAndGet());
    for (int i = 0; i < 2_000; i++) {
      bus.publish(order(i));
    }
    try (LogCapture log = new LogCapture()) {
      assertThat(bus.shutdown(WAIT)).isTrue();
      assertThat(handled.get()).isEqualTo(2_000);
      assertThat(log.lines(Level.INFO, "bus: "))
          .containsExactly("bus: published 2000, delivered 2000, failed 0, dropped 0");
      assertThat(log.lines(Level.WARN, "undelivered")).isEmpty();
    }
    for (DeliveryThread thread : bus.pool().threads()) {
      awaitDeath(thread);
    }
  }

  @Test
  void shutdownSaysWhyNothingWasPublishedWhenNobodySubscribed() {
    try (LogCapture log = new LogCapture()) {
      assertThat(bus.shutdown(WAIT)).isTrue();
      assertThat(log.lines(Level.INFO, "bus: ")).containsExactly("bus: published 0, delivered 0, failed 0,"
          + " dropped 0 (nobody subscribed, and Herald makes events only for subscribers)");
    }
  }

  @Test
  void shutdownNamesTheSubscriptionThatHeldEventsBack() throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    Subscription stuck = bus.subscribe("order.*.*", "audit-log:Stuck", e -> {
      held.countDown();
      release.await();
    });
    bus.subscribe("*.*.*", "audit-log:Fine", e -> { });
    bus.publish(order(1));
    await(held, "the stuck listener to hold the first event");
    bus.publish(order(2));
    bus.publish(order(3));

    try (LogCapture log = new LogCapture()) {
      assertThat(bus.shutdown(Duration.ofMillis(20))).isFalse();
      assertThat(log.lines(Level.WARN, "undelivered")).containsExactly(
          "bus: subscription 'audit-log:Stuck' (pattern order.*.*) held 3 events undelivered at"
              + " shutdown (its listener was too slow or stuck, or events were still being published, when the drain's"
              + " 20 ms ran out)");
      assertThat(log.lines(Level.INFO, "bus: published")).containsExactly(
          "bus: published 3, delivered 3, failed 0, dropped 0, undelivered 3");
      assertThat(bus.shutdown(WAIT)).as("a second shutdown repeats the first's result").isFalse();
      assertThat(log.lines(Level.INFO, "bus: published")).hasSize(1);
    }
    assertThat(stuck.statistics().queued()).isEqualTo(2);
  }

  @Test
  void theSummaryCountsWhatAStuckListenerDeliveredInItsBatch() throws Exception {
    CountDownLatch first = new CountDownLatch(1);
    CountDownLatch sixth = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    bus.subscribe("order.*.*", "audit-log:Stuck", e -> {
      int n = calls.incrementAndGet();
      if (n == 1) {
        first.countDown();
      } else if (n == 6) {
        sixth.countDown();
        release.await(); // stuck on the sixth, in the batch that delivered the first five
      }
    });
    bus.publish(order(1));
    await(first, "the first delivery");
    for (int i = 2; i <= 10; i++) {
      bus.publish(order(i));
    }
    await(sixth, "the sixth delivery");

    try (LogCapture log = new LogCapture()) {
      bus.shutdown(Duration.ofMillis(50));

      assertThat(log.lines(Level.INFO, "bus: published")).as("published = delivered + undelivered").containsExactly(
          "bus: published 10, delivered 5, failed 0, dropped 0, undelivered 5");
    }
  }

  @Test
  void aSubscriptionBeingTakenOffAsTheShutdownReportsIsCountedOnce() throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    Subscription stuck = bus.subscribe("order.*.*", "audit-log:Stuck", e -> {
      held.countDown();
      release.await();
    });
    for (int i = 1; i <= 4; i++) {
      bus.publish(order(i));
    }
    await(held, "the stuck listener to hold the first event");
    // as close() leaves it for a moment: listed as closing while still in the live array
    bus.onStillClosing((BusSubscription) stuck);

    try (LogCapture log = new LogCapture()) {
      bus.shutdown(Duration.ofMillis(20));

      assertThat(log.lines(Level.WARN, "undelivered")).hasSize(1);
      assertThat(log.lines(Level.INFO, "bus: published")).containsExactly(
          "bus: published 4, delivered 0, failed 0, dropped 0, undelivered 4");
    }
  }

  @Test
  void shutdownSaysEventsWereStillBeingPublishedWhenThatEndedTheDrain() throws Exception {
    bus = new DefaultEventBus(options(1 << 16, OverflowPolicy.DROP_NEWEST, Duration.ZERO, 1));
    bus.subscribe("order.*.*", "audit-log:Slow", e -> Thread.sleep(1));
    AtomicBoolean publishing = new AtomicBoolean(true);
    Thread publisher = new Thread(() -> { // ten events a millisecond: more than the listener takes
      for (int n = 0; publishing.get(); n++) {
        bus.publish(order(n));
        LockSupport.parkNanos(100_000L);
      }
    });
    publisher.start();
    try (LogCapture log = new LogCapture()) {
      Thread.sleep(50);
      assertThat(bus.shutdown(Duration.ofSeconds(10))).isFalse();

      List<String> held = log.lines(Level.WARN, "undelivered");
      assertThat(held).singleElement().asString().contains("'audit-log:Slow'").endsWith(" events undelivered at"
          + " shutdown (events were still being published: once what was published before the exit was delivered,"
          + " the drain waits at most 500 ms more for what comes after)");
      String count = held.get(0).replaceAll(".* held (\\d+) events.*", "$1");
      assertThat(log.lines(Level.INFO, "bus: published")).singleElement().asString()
          .endsWith(", undelivered " + count);
    } finally {
      publishing.set(false);
      publisher.join();
    }
  }

  @Test
  void publishingAfterShutdownNeverWaits() throws Exception {
    bus = new DefaultEventBus(options(2, OverflowPolicy.BLOCK, Duration.ofSeconds(30), 1));
    Subscription subscription = bus.on("order.*.*", e -> { });
    bus.shutdown(WAIT);
    for (int i = 0; i < 5; i++) {
      bus.publish(order(i)); // two fit; waiting 30 s for each other would fail the WAIT below
    }
    assertThat(subscription.statistics().queued()).isEqualTo(2);
    assertThat(subscription.statistics().dropped()).isEqualTo(3);
    assertThat(bus.flush(WAIT)).as("nothing delivers any more").isFalse();
  }

  private static void awaitDeath(Thread thread) {
    BusTestSupport.awaitUntil(() -> !thread.isAlive(), thread.getName() + " to end");
  }
}
