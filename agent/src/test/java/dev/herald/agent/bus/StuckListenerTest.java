package dev.herald.agent.bus;

import static dev.herald.agent.bus.BusTestSupport.await;
import static dev.herald.agent.bus.BusTestSupport.awaitUntil;
import static dev.herald.agent.bus.BusTestSupport.options;
import static dev.herald.agent.bus.BusTestSupport.order;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.herald.api.Phase;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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

  @ParameterizedTest
  @EnumSource(OverflowPolicy.class)
  void aHangingListenerIsFoundWhateverTheOverflowPolicy(OverflowPolicy overflow) throws Exception {
    // drop-oldest: publishers evicting from the hanging subscription's full queue move it on too
    DefaultEventBus small = new DefaultEventBus(options(16, overflow, Duration.ofMillis(1), 1),
        Duration.ofMillis(200), Duration.ofMillis(100));
    CountDownLatch hanging = new CountDownLatch(1);
    CountDownLatch other = new CountDownLatch(1);
    Thread publisher = new Thread(() -> {
      for (int i = 1; !Thread.currentThread().isInterrupted(); i++) {
        small.publish(order(i));
        LockSupport.parkNanos(2_000_000L);
      }
    });
    try {
      small.on("order.*.*", event -> {
        hanging.countDown();
        awaitQuietly(serviceBack);
      });
      small.on("payment.*.*", event -> other.countDown());
      small.publish(order(0));
      await(hanging, "the hanging call");
      publisher.setDaemon(true);
      publisher.start();

      small.publish(BusTestSupport.event("payment", Phase.AFTER, "process", 1));

      await(other, "the other subscription's event, while the queue of the hanging one stays full");
    } finally {
      publisher.interrupt();
      serviceBack.countDown();
      small.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  void aListenerSlowRatherThanHungKeepsOneSpareInsteadOfStartingOneAtEachCall() throws Exception {
    // 1.5 stuck periods a call: each call would start a spare that ends, idle, before the next
    Set<Thread> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    bus.on("order.*.*", event -> Thread.sleep(150));
    for (int i = 0; i < 16; i++) {
      bus.publish(order(i));
    }
    long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (System.nanoTime() < end) {
      seen.addAll(Arrays.asList(bus.pool().threads()));
      Thread.sleep(5);
    }
    assertThat(seen).as("threads seen in 2 s: %s", seen).hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void aSpareRenewedAwayEndsQuietly() {
    bus.on("order.*.*", event -> { });
    DeliveryPool pool = bus.pool();
    pool.threads()[0].stuck = true;
    assertThat(pool.addSpareIfNeeded()).isEqualTo("herald-delivery-2");
    DeliveryThread spare = pool.threads()[1];
    pool.renew(); // as if between the spare's look at its flag and its retire

    assertThat(pool.retire(spare)).as("it ends, and nothing throws").isTrue();
    assertThat(pool.threads()).hasSize(1);
  }
}
