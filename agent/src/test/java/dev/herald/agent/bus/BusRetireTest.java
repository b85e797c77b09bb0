package dev.herald.agent.bus;

import static dev.herald.agent.bus.BusTestSupport.WAIT;
import static dev.herald.agent.bus.BusTestSupport.await;
import static dev.herald.agent.bus.BusTestSupport.number;
import static dev.herald.agent.bus.BusTestSupport.options;
import static dev.herald.agent.bus.BusTestSupport.order;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.herald.api.Subscription;
import dev.herald.api.SubscriptionStatistics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Retiring subscriptions: what stops a plugin while the application runs. */
@Timeout(30)
class BusRetireTest {

  private final DefaultEventBus bus = new DefaultEventBus(options(64, OverflowPolicy.BLOCK, Duration.ofSeconds(1), 1));

  @AfterEach
  void shutdown() {
    bus.shutdown(Duration.ofSeconds(2));
  }

  @Test
  void deliversWhatWasQueuedAndNothingPublishedAfter() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch letGo = new CountDownLatch(1);
    List<Integer> seen = new CopyOnWriteArrayList<>();
    Subscription retiring = bus.subscribe("order.*.*", "retiring", event -> {
      inside.countDown();
      await(letGo, "the test to let the listener go");
      seen.add(number(event));
    });
    List<Integer> other = new CopyOnWriteArrayList<>();
    bus.subscribe("order.*.*", "other", event -> other.add(number(event)));
    for (int i = 1; i <= 5; i++) {
      bus.publish(order(i));
    }
    await(inside, "the first delivery");

    CompletableFuture<Boolean> retired = CompletableFuture.supplyAsync(() -> bus.retire(List.of(retiring), WAIT));
    BusTestSupport.awaitUntil(() -> bus.statistics().subscriptions().size() == 1, "it is taken off the routes");
    bus.publish(order(6));
    assertThat(retired).as("waits for the events queued before").isNotDone();
    letGo.countDown();

    assertThat(retired.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(seen).containsExactly(1, 2, 3, 4, 5);
    assertThat(bus.flush(WAIT)).isTrue();
    assertThat(other).containsExactly(1, 2, 3, 4, 5, 6);
    retiring.close();
    SubscriptionStatistics stats = retiring.statistics();
    assertThat(stats.delivered()).isEqualTo(5);
    assertThat(stats.dropped()).as("nothing was left to drop at close").isZero();
  }

  @Test
  void givesUpAfterItsLimitAndClosingDropsTheRest() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch letGo = new CountDownLatch(1);
    Subscription retiring = bus.subscribe("order.*.*", "retiring", event -> {
      inside.countDown();
      await(letGo, "the test to let the listener go");
    });
    for (int i = 1; i <= 3; i++) {
      bus.publish(order(i));
    }
    await(inside, "the first delivery");

    assertThat(bus.retire(List.of(retiring), Duration.ofMillis(200))).isFalse();
    retiring.close();
    letGo.countDown();
    BusTestSupport.awaitUntil(() -> !DefaultEventBus.delivering(retiring), "the call in progress returns");
    SubscriptionStatistics stats = retiring.statistics();
    assertThat(stats.delivered()).isEqualTo(1);
    assertThat(stats.dropped()).as("the two still queued").isEqualTo(2);
  }

  @Test
  void anExitDuringARetireReportsWhatTheRetiredSubscriptionLeft() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch letGo = new CountDownLatch(1);
    Subscription retiring = bus.subscribe("order.*.*", "retiring", event -> {
      inside.countDown();
      await(letGo, "the test to let the listener go");
    });
    for (int i = 1; i <= 4; i++) {
      bus.publish(order(i));
    }
    await(inside, "the first delivery");
    CompletableFuture<Boolean> retired = CompletableFuture.supplyAsync(() -> bus.retire(List.of(retiring), WAIT));
    BusTestSupport.awaitUntil(() -> bus.statistics().subscriptions().isEmpty(), "it is taken off the routes");
    try (BusTestSupport.LogCapture log = new BusTestSupport.LogCapture()) {
      bus.shutdown(Duration.ofMillis(100));

      assertThat(log.lines(Level.WARN, "undelivered")).singleElement().asString()
          .startsWith("bus: subscription 'retiring' (pattern order.*.*) held 4 events undelivered at shutdown");
      assertThat(log.lines(Level.INFO, "bus: published")).containsExactly(
          "bus: published 4, delivered 0, failed 0, dropped 0, undelivered 4");
    } finally {
      letGo.countDown();
    }
    assertThat(retired.get(10, TimeUnit.SECONDS)).as("the shutdown told what was left").isTrue();
  }

  @Test
  void aRetireFromAListenerDoesNotWaitAndSaysEventsWereLeft() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch letGo = new CountDownLatch(1);
    DefaultEventBus twoThreads = new DefaultEventBus(options(64, OverflowPolicy.BLOCK, Duration.ofSeconds(1), 2));
    try {
      Subscription target = twoThreads.subscribe("order.*.*", "target", event -> {
        inside.countDown();
        await(letGo, "the test to let the listener go");
      });
      for (int i = 1; i <= 4; i++) {
        twoThreads.publish(order(i));
      }
      await(inside, "the first delivery");
      CompletableFuture<Boolean> fromListener = new CompletableFuture<>();
      twoThreads.subscribe("control.*.*", "control",
          event -> fromListener.complete(twoThreads.retire(List.of(target), WAIT)));
      twoThreads.publish(dev.herald.api.Event.builder("control", dev.herald.api.Phase.AFTER, "stop").build());

      assertThat(fromListener.get(10, TimeUnit.SECONDS)).as("three events still queued, not waited for").isFalse();
    } finally {
      letGo.countDown();
      twoThreads.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  void anEventWhoseOnlySubscriptionLeftAfterTheCallersCheckIsNotCountedPublished() throws Exception {
    Subscription retiring = bus.subscribe("order.*.*", "retiring", event -> { });
    Route route = bus.route("order.after.create");
    assertThat(route.isEmpty()).as("what the agent checks before it makes the event").isFalse();
    assertThat(bus.retire(List.of(retiring), WAIT)).isTrue();
    retiring.close();

    bus.publish(route, order(1)); // the event made for the subscription that has just left

    assertThat(bus.statistics().published()).as("counted nowhere else, so not published").isZero();
    bus.publish(order(2)); // from code: counted whether or not anyone subscribed
    assertThat(bus.statistics().published()).isEqualTo(1);
  }

  @Test
  void doesNotWaitOnceTheBusIsShutDown() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch letGo = new CountDownLatch(1);
    Subscription retiring = bus.subscribe("order.*.*", "retiring", event -> {
      inside.countDown();
      await(letGo, "the test to let the listener go");
    });
    bus.publish(order(1));
    bus.publish(order(2));
    await(inside, "the first delivery");
    try {
      bus.shutdown(Duration.ofMillis(50));

      long start = System.nanoTime();
      assertThat(bus.retire(List.of(retiring), WAIT)).as("the shutdown reported what it left").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT.dividedBy(2));
    } finally {
      letGo.countDown();
    }
  }
}
