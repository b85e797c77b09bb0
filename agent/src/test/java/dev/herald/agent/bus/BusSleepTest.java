package dev.herald.agent.bus;

import static dev.herald.agent.bus.BusTestSupport.await;
import static dev.herald.agent.bus.BusTestSupport.awaitUntil;
import static dev.herald.agent.bus.BusTestSupport.options;
import static dev.herald.agent.bus.BusTestSupport.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
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

  private static boolean parkedWithoutTimeout(DeliveryThread[] threads) {
    return Arrays.stream(threads).allMatch(t -> t.asleep() && t.getState() == Thread.State.WAITING);
  }
}
