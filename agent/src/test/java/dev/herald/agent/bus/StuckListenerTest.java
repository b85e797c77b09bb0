package dev.herald.agent.bus;

import static dev.herald.agent.bus.BusTestSupport.await;
import static dev.herald.agent.bus.BusTestSupport.awaitUntil;
import static dev.herald.agent.bus.BusTestSupport.options;
import static dev.herald.agent.bus.BusTestSupport.order;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A plugin whose listeners hang (a synchronous call to a service that is down) on every delivery
 * thread: the other subscriptions are served all the same, by a spare thread that ends once the
 * hanging calls have returned.
 */
class StuckListenerTest {

  private final CountDownLatch serviceBack = new CountDownLatch(1);
  private final DefaultEventBus bus = new DefaultEventBus(
      options(64, OverflowPolicy.BLOCK, Duration.ofMillis(50), 1), Duration.ofMillis(200), Duration.ofMillis(100));

  @AfterEach
  void shutDown() {
    serviceBack.countDown();
    bus.shutdown(Duration.ofSeconds(2));
  }

  @Test
  void aListenerHangingOnTheOnlyDeliveryThreadDelaysOnlyItself() throws Exception {
    CountDownLatch hanging = new CountDownLatch(1);
    CountDownLatch others = new CountDownLatch(3);
    bus.on("order.*.*", event -> {
      hanging.countDown();
      awaitQuietly(serviceBack);
    });
    bus.on("*.*.*", event -> others.countDown());

    try (BusTestSupport.LogCapture log = new BusTestSupport.LogCapture()) {
      bus.publish(order(1));
      await(hanging, "the hanging listener's call");
      bus.publish(order(2));
      bus.publish(order(3));

      await(others, "the other subscription's three events, while the first listener hangs");
      assertThat(names(bus.pool().threads())).containsExactly("herald-delivery-1", "herald-delivery-2");
      assertThat(log.lines(Level.WARN, "its listener has been in one call for")).singleElement().asString()
          .contains("on herald-delivery-1; herald-delivery-2 started, so that the other subscriptions are served");

      serviceBack.countDown();
      awaitUntil(() -> !log.lines(Level.INFO, "its listener returned after").isEmpty(), "the return told");
      awaitUntil(() -> bus.pool().threads().length == 1, "the spare ended, once not needed");
      assertThat(bus.flush(Duration.ofSeconds(5))).as("every event delivered").isTrue();
    }
  }

  @Test
  void aListenerThatKeepsHangingIsToldOnceAndGetsAtMostTheSpares() throws Exception {
    // more hanging subscriptions than spares: each holds a thread, the rest wait
    int hangingSubscriptions = DeliveryPool.MAX_SPARES + 3;
    CountDownLatch allHanging = new CountDownLatch(DeliveryPool.MAX_SPARES + 1);
    for (int i = 0; i < hangingSubscriptions; i++) {
      bus.on("order.*.*", event -> {
        allHanging.countDown();
        awaitQuietly(serviceBack);
      });
    }
    try (BusTestSupport.LogCapture log = new BusTestSupport.LogCapture()) {
      bus.publish(order(1));

      await(allHanging, "the first thread and every spare in a hanging call");
      awaitUntil(() -> !log.lines(Level.WARN, "spare threads run already").isEmpty(), "told that no more start");
      assertThat(bus.pool().threads()).hasSize(1 + DeliveryPool.MAX_SPARES);
      serviceBack.countDown();
      assertThat(bus.flush(Duration.ofSeconds(5))).isTrue();
      awaitUntil(() -> bus.pool().threads().length == 1, "the spares ended");
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String[] names(Thread[] threads) {
    return Arrays.stream(threads).map(Thread::getName).toArray(String[]::new);
  }
}
