package dev.herald.agent.bus;

import static dev.herald.agent.bus.BusTestSupport.await;
import static dev.herald.agent.bus.BusTestSupport.awaitUntil;
import static dev.herald.agent.bus.BusTestSupport.options;
import static dev.herald.agent.bus.BusTestSupport.order;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.api.Subscription;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stopped plugin's listeners leave values in the delivery threads' ThreadLocals (a JSON library's
 * buffers): renewing the threads lets them go, and with them, in the agent, the plugin's loader.
 */
class DeliveryRenewTest {

  // static, as a library's own: reachable for as long as its class is
  private static final ThreadLocal<Object> BUFFER = new ThreadLocal<>();

  private final DefaultEventBus bus =
      new DefaultEventBus(options(64, OverflowPolicy.BLOCK, Duration.ofMillis(50), 2), Duration.ofMillis(50));

  @AfterEach
  void shutDown() {
    bus.shutdown(Duration.ofSeconds(2));
  }

  @Test
  void renewedThreadsLetGoOfWhatAStoppedListenerLeftInTheirThreadLocals() throws Exception {
    List<WeakReference<Object>> left = new CopyOnWriteArrayList<>();
    Subscription plugin = bus.on("order.*.*", event -> {
      if (BUFFER.get() == null) {
        Object buffer = new byte[1024];
        BUFFER.set(buffer);
        left.add(new WeakReference<>(buffer));
      }
    });
    for (int i = 0; i < 20; i++) {
      bus.publish(order(i));
    }
    assertThat(bus.flush(Duration.ofSeconds(5))).isTrue();
    plugin.close();
    DeliveryThread[] before = bus.pool().threads();
    assertThat(left).isNotEmpty();

    bus.renewDeliveryThreads();

    for (DeliveryThread thread : before) {
      thread.join(5_000);
      assertThat(thread.isAlive()).as("%s ended", thread.getName()).isFalse();
    }
    awaitUntil(() -> {
      System.gc();
      return left.stream().allMatch(reference -> reference.get() == null);
    }, "what the listener left collected");
    CountDownLatch later = new CountDownLatch(3);
    bus.on("order.*.*", event -> later.countDown());
    for (int i = 0; i < 3; i++) {
      bus.publish(order(i));
    }
    await(later, "delivery by the new threads");
    assertThat(bus.pool().threads()).extracting(Thread::getName)
        .containsExactly("herald-delivery-1", "herald-delivery-2");
  }

  @Test
  void whatTheOldThreadsBatchLeftIsDeliveredWithoutAnotherPublish() throws Exception {
    DefaultEventBus one = new DefaultEventBus(options(1024, OverflowPolicy.BLOCK, Duration.ofMillis(50), 1),
        Duration.ofSeconds(1));
    try {
      AtomicInteger delivered = new AtomicInteger();
      CountDownLatch first = new CountDownLatch(1);
      one.on("order.*.*", event -> {
        first.countDown();
        delivered.incrementAndGet();
        Thread.sleep(2);
      });
      for (int i = 0; i < 600; i++) {
        one.publish(order(i));
      }
      await(first, "the first delivery");

      one.renewDeliveryThreads(); // the old thread is inside a batch of at most 256; the rest waits

      // nothing published meanwhile: a quiet application
      awaitUntil(() -> delivered.get() == 600, "all 600 delivered after the renewal, nothing published since");
    } finally {
      one.shutdown(Duration.ofSeconds(2));
    }
  }
}
