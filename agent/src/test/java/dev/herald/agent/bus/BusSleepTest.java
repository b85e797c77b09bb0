package dev.herald.agent.bus;

import static dev.herald.agent.bus.BusTestSupport.await;
import static dev.herald.agent.bus.BusTestSupport.awaitUntil;
import static dev.herald.agent.bus.BusTestSupport.options;
import static dev.herald.agent.bus.BusTestSupport.order;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.api.Phase;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BusSleepTest {

  private final DefaultEventBus bus =
      new DefaultEventBus(options(64, OverflowPolicy.BLOCK, Duration.ofMillis(50), 2), Duration.ofMillis(5));

  @AfterEach
  void shutDown() {
    bus.shutdown(Duration.ofSeconds(2));
  }

  @Test
  void startsNamedDaemonThreadsWithTheFirstSubscription() {
    assertThat(bus.pool().threads()).isEmpty();
    bus.route("order.after.create");
    bus.publish(order(1));
    assertThat(bus.pool().threads()).isEmpty();

    bus.on("order.*.*", e -> { });
    bus.on("payment.*.*", e -> { });
    assertThat(bus.pool().threads())
        .extracting(Thread::getName)
        .containsExactly("herald-delivery-1", "herald-delivery-2");
    assertThat(bus.pool().threads()).allMatch(Thread::isDaemon);
  }

  @Test
  void idleThreadsSleepDeeplyAndWakeForTheNextEvent() throws Exception {
    CountDownLatch got = new CountDownLatch(3);
    bus.on("order.*.*", e -> got.countDown());
    DeliveryThread[] threads = bus.pool().threads();
    for (int round = 0; round < 3; round++) {
      awaitUntil(() -> parkedWithoutTimeout(threads), "both delivery threads parked without timeout");
      long left = 2 - round;
      bus.publish(order(round));
      awaitUntil(() -> got.getCount() == left, "event " + round + " delivered after waking");
    }
    await(got, "all three events");
  }

  @Test
  void threadsStartAsleepUntilTheFirstEventNotNappingThroughTheApplicationsStart() throws Exception {
    // idle for an hour before a deep sleep: only starting asleep gets the threads parked here
    DefaultEventBus patient =
        new DefaultEventBus(options(64, OverflowPolicy.BLOCK, Duration.ofMillis(50), 2), Duration.ofHours(1));
    try {
      CountDownLatch got = new CountDownLatch(1);
      patient.on("order.*.*", e -> got.countDown());
      DeliveryThread[] threads = patient.pool().threads();
      awaitUntil(() -> parkedWithoutTimeout(threads),
          "both delivery threads parked without timeout before any event");

      patient.publish(order(1));

      await(got, "the first event, delivered after waking");
    } finally {
      patient.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  void twoIdleThreadsWakeNoMoreOftenThanOne() throws Exception {
    long one = napsUnderLightLoad(1);
    long two = napsUnderLightLoad(2);

    // one thread watches for work with brief naps; the other stands by, napping 10 ms. Before,
    // both napped briefly: about 1.5 times the wake-ups, each of which may take an application thread's core
    assertThat(two).as("naps of two threads, against %d of one", one).isLessThan(one * 5 / 4);
  }

  @Test
  void aTrickleOfEventsDoesNotWakeTheThreadsAThousandTimesASecond() throws Exception {
    // a service writing a few times a second: never idle the second that leads to deep sleep
    DefaultEventBus trickle = new DefaultEventBus(
        options(8192, OverflowPolicy.BLOCK, Duration.ofMillis(50), 2), Duration.ofHours(1));
    try {
      AtomicLong got = new AtomicLong();
      trickle.on("order.*.*", e -> got.incrementAndGet());
      DeliveryThread[] pool = trickle.pool().threads();
      trickle.publish(order(0));
      assertThat(trickle.flush(Duration.ofSeconds(5))).isTrue();
      long before = Arrays.stream(pool).mapToLong(DeliveryThread::naps).sum();
      long start = System.nanoTime();
      for (int i = 1; i <= 6; i++) {
        LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        trickle.publish(order(i));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long naps = Arrays.stream(pool).mapToLong(DeliveryThread::naps).sum() - before;
      assertThat(trickle.flush(Duration.ofSeconds(5))).isTrue();
      assertThat(got.get()).isEqualTo(7);
      // watcher: 1 ms naps at most before, ~1,000 a second; the standby thread 100 a second
      assertThat(naps / seconds).as("naps a second, %d in %.2f s", naps, seconds).isLessThan(500);
    } finally {
      trickle.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  void theWatcherNapsNoLongerThanAMillisecondWhileAnotherThreadIsInALongRound() throws Exception {
    // one thread works through a slow subscription's backlog, a round of 256 events taking ~80 ms:
    // the round counts go still, but the bus is busy, and other subscriptions' events must not wait
    DefaultEventBus busy = new DefaultEventBus(
        options(8192, OverflowPolicy.BLOCK, Duration.ofMillis(50), 2), Duration.ofHours(1));
    try {
      AtomicLong slowDone = new AtomicLong();
      busy.on("slow.*.*", e -> {
        LockSupport.parkNanos(300_000);
        slowDone.incrementAndGet();
      });
      busy.on("order.*.*", e -> { });
      busy.publish(order(0));
      assertThat(busy.flush(Duration.ofSeconds(5))).isTrue();
      DeliveryThread[] pool = busy.pool().threads();
      for (int i = 0; i < 4000; i++) {
        busy.publish(BusTestSupport.event("slow", Phase.AFTER, "process", i));
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
      long before = Arrays.stream(pool).mapToLong(DeliveryThread::longNaps).sum();
      for (int i = 1; i <= 16; i++) { // 400 ms of the backlog's ~1.2 s
        busy.publish(order(i));
        LockSupport.parkNanos(Duration.ofMillis(25).toNanos());
      }
      long longNaps = Arrays.stream(pool).mapToLong(DeliveryThread::longNaps).sum() - before;
      long slow = slowDone.get();

      assertThat(slow).as("still working through the backlog").isLessThan(4000);
      assertThat(longNaps).as("naps over 1 ms while the bus delivers").isZero();
    } finally {
      busy.shutdown(Duration.ofSeconds(2));
    }
  }

  /** The naps a pool of {@code threads} takes while one subscription gets an event every ~100 µs for 400 ms. */
  private static long napsUnderLightLoad(int threads) throws Exception {
    DefaultEventBus light = new DefaultEventBus(
        options(8192, OverflowPolicy.BLOCK, Duration.ofMillis(50), threads), Duration.ofHours(1));
    try {
      AtomicLong got = new AtomicLong();
      light.on("order.*.*", e -> got.incrementAndGet());
      DeliveryThread[] pool = light.pool().threads();
      light.publish(order(0));
      assertThat(light.flush(Duration.ofSeconds(5))).isTrue(); // awake, out of the first deep sleep
      long before = Arrays.stream(pool).mapToLong(DeliveryThread::naps).sum();
      int sent = 1;
      long end = System.nanoTime() + Duration.ofMillis(400).toNanos();
      while (System.nanoTime() < end) {
        light.publish(order(sent++));
        LockSupport.parkNanos(100_000);
      }
      long naps = Arrays.stream(pool).mapToLong(DeliveryThread::naps).sum() - before;
      assertThat(light.flush(Duration.ofSeconds(5))).isTrue();
      assertThat(got.get()).isEqualTo(sent);
      return naps;
    } finally {
      light.shutdown(Duration.ofSeconds(2));
    }
  }

  private static boolean parkedWithoutTimeout(DeliveryThread[] threads) {
    return Arrays.stream(threads).allMatch(t -> t.asleep() && t.getState() == Thread.State.WAITING);
  }
}
