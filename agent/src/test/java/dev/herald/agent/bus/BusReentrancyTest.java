package dev.herald.agent.bus;

import static dev.herald.agent.bus.BusTestSupport.WAIT;
import static dev.herald.agent.bus.BusTestSupport.await;
import static dev.herald.agent.bus.BusTestSupport.awaitUntil;
import static dev.herald.agent.bus.BusTestSupport.event;
import static dev.herald.agent.bus.BusTestSupport.order;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.api.Phase;
import dev.herald.api.Subscription;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BusReentrancyTest {

  private final DefaultEventBus bus = new DefaultEventBus(BusOptions.DEFAULTS);
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void shutDown() {
    release.countDown();
    bus.shutdown(Duration.ofSeconds(2));
  }

  @Test
  void flushWaitsUntilWhatAListenerLeftOnClosingItsSubscriptionIsCounted() throws Exception {
    AtomicReference<Subscription> self = new AtomicReference<>();
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    self.set(bus.on("order.*.*", e -> {
      held.countDown();
      release.await();
      self.get().close();
      closed.countDown();
      finish.await(); // still inside the listener: the events left are dropped when it returns
    }));
    bus.publish(order(0));
    await(held, "the listener to hold event 0");
    for (int i = 1; i < 5; i++) {
      bus.publish(order(i));
    }
    release.countDown();
    await(closed, "the listener to close its subscription");

    assertThat(bus.flush(Duration.ofMillis(200))).as("flushed while 4 events are neither delivered nor counted")
        .isFalse();
    finish.countDown();
    assertThat(bus.flush(WAIT)).isTrue();
    assertThat(self.get().statistics().dropped()).isEqualTo(4);
    assertThat(bus.statistics().dropped()).isEqualTo(4);
  }

  @Test
  void aListenerClosingItsOwnSubscriptionStopsDeliveryAndDiscardsTheRest() throws Exception {
    AtomicReference<Subscription> self = new AtomicReference<>();
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch held = new CountDownLatch(1);
    self.set(bus.on("order.*.*", e -> {
      calls.incrementAndGet();
      held.countDown();
      release.await();
      self.get().close();
      self.get().close(); // idempotent
    }));
    bus.publish(order(0));
    await(held, "the listener to hold event 0");
    for (int i = 1; i < 10; i++) {
      bus.publish(order(i));
    }
    release.countDown();

    assertThat(bus.flush(WAIT)).isTrue();
    assertThat(calls.get()).isEqualTo(1);
    assertThat(self.get().statistics().delivered()).isEqualTo(1);
    assertThat(self.get().statistics().dropped()).isEqualTo(9);
    assertThat(self.get().statistics().queued()).isZero();
    assertThat(bus.statistics().dropped()).isEqualTo(9);
    assertThat(bus.statistics().subscriptions()).isEmpty();
    bus.publish(order(10));
    assertThat(bus.flush(WAIT)).isTrue();
    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void closingWhileIdleDiscardsWhatIsQueuedAtOnce() throws Exception {
    bus.shutdown(WAIT); // nothing delivers: the events stay queued until the close
    Subscription subscription = bus.on("order.*.*", e -> { });
    bus.publish(order(1));
    bus.publish(order(2));
    assertThat(subscription.statistics().queued()).isEqualTo(2);
    subscription.close();
    assertThat(subscription.statistics().dropped()).isEqualTo(2);
    assertThat(subscription.statistics().queued()).isZero();
  }

  @Test
  void closingWhileTheListenerRunsDiscardsTheRestWhenItReturns() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch held = new CountDownLatch(1);
    Subscription subscription = bus.on("order.*.*", e -> {
      calls.incrementAndGet();
      held.countDown();
      release.await();
    });
    bus.publish(order(0));
    await(held, "the listener to hold event 0");
    bus.publish(order(1));
    bus.publish(order(2));
    subscription.close();
    assertThat(bus.route("order.after.create").isEmpty()).isTrue();
    release.countDown();

    assertThat(bus.flush(WAIT)).isTrue();
    awaitUntil(() -> subscription.statistics().dropped() == 2, "the two queued events discarded");
    assertThat(calls.get()).isEqualTo(1);
    assertThat(subscription.statistics().delivered()).isEqualTo(1);
    assertThat(subscription.statistics().queued()).isZero();
  }

  @Test
  void aListenerMayPublishSubscribeAndCloseWithoutDeadlock() throws Exception {
    CountDownLatch paymentSeen = new CountDownLatch(1);
    CountDownLatch afterSeen = new CountDownLatch(1);
    bus.on("order.after.*", e -> afterSeen.countDown());
    bus.on("order.before.*", e -> {
      Subscription payments = bus.on("payment.*.*", p -> paymentSeen.countDown());
      bus.publish(event("order", Phase.AFTER, e.operation()));
      bus.publish(event("payment", Phase.AFTER, "process"));
      bus.on("refund.*.*", r -> { }).close();
      assertThat(payments.pattern()).isEqualTo("payment.*.*");
    });
    bus.publish(event("order", Phase.BEFORE, "create"));

    await(afterSeen, "the event published by a listener");
    await(paymentSeen, "delivery to a subscription made by a listener");
    assertThat(bus.flush(WAIT)).isTrue();
    assertThat(bus.statistics().failed()).isZero();
  }
}
