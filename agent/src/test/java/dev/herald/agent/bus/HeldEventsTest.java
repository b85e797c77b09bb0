package dev.herald.agent.bus;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.herald.agent.bootstrap.HeraldHooks;
import dev.herald.agent.bus.BusTestSupport.LogCapture;
import dev.herald.api.BusStatistics;
import dev.herald.api.Event;
import dev.herald.api.Phase;
import dev.herald.api.SubscriptionStatistics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HeldEventsTest {

  private DefaultEventBus bus = new DefaultEventBus(BusOptions.DEFAULTS);
  private final List<String> received = new CopyOnWriteArrayList<>();

  @AfterEach
  void shutDown() {
    HeraldHooks.release();
    bus.shutdown(Duration.ofSeconds(2));
  }

  @Test
  void keepsEventsInOrderUntilReleasedThenLetsThemThrough() throws Exception {
    HeldEvents held = new HeldEvents(bus, 8);
    held.publish(bus.route("order.before.create"), event("order", Phase.BEFORE, 1)); // nobody listens yet
    held.publish(null, event("note", Phase.AFTER, 2)); // published from code: routed by name
    held.publish(bus.route("order.after.create"), event("order", Phase.AFTER, 3));
    held.publish(bus.route("account.after.update"), update(9)); // nobody will listen to this one
    bus.on("*.*.create", e -> received.add(e.name() + "#" + e.invocationId())); // a plugin subscribes

    assertThat(bus.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(received).as("nothing before the release").isEmpty();
    assertThat(held.awaitKept(TimeUnit.MILLISECONDS.toNanos(10))).as("events are kept").isFalse();
    held.release();
    held.publish(bus.route("order.before.create"), event("order", Phase.BEFORE, 4));

    assertThat(held.awaitKept(0)).isTrue();
    assertThat(bus.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(received).containsExactly(
        "order.before.create#1", "note.after.create#2", "order.after.create#3", "order.before.create#4");
    assertThat(bus.statistics().published())
        .as("the event nobody subscribed to is not counted, as it would not be if it came later").isEqualTo(4);
  }

  @Test
  void whenFullAPublisherWaitsForTheReleaseAndComesAfterWhatWasKept() throws Exception {
    useBus(OverflowPolicy.BLOCK, Duration.ofSeconds(30));
    HeldEvents held = new HeldEvents(bus, 2);
    bus.on("*.*.*", e -> received.add(e.name() + "#" + e.invocationId()));
    Route route = bus.route("order.after.create");
    held.publish(route, event("order", Phase.AFTER, 1));
    held.publish(route, event("order", Phase.AFTER, 2));
    CountDownLatch third = new CountDownLatch(1);
    Thread publisher = new Thread(() -> {
      held.publish(route, event("order", Phase.AFTER, 3));
      third.countDown();
    }, "app-main");
    publisher.start();

    awaitWaiting(publisher);
    held.release();

    assertThat(third.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(bus.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(received).containsExactly("order.after.create#1", "order.after.create#2", "order.after.create#3");
    assertThat(bus.statistics().dropped()).isZero();
  }

  @Test
  void underBlockAFullStoreWaitsNoLongerThanBlockTimeoutThenTheEventIsDroppedAndCounted() throws Exception {
    useBus(OverflowPolicy.BLOCK, Duration.ofMillis(100));
    HeldEvents held = new HeldEvents(bus, 2); // the plugins take longer than block-timeout
    Thread caller = new Thread(() -> {
      for (int id = 1; id <= 3; id++) {
        held.publish(bus.route("order.after.create"), event("order", Phase.AFTER, id));
      }
    }, "app-main");
    caller.start();
    caller.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(caller.isAlive()).as("the call does not wait for the plugins' start beyond block-timeout").isFalse();

    bus.on("*.*.*", e -> received.add(e.name() + "#" + e.invocationId())); // the plugin subscribes
    held.release();

    assertThat(bus.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(received).containsExactly("order.after.create#1", "order.after.create#2");
    BusStatistics statistics = bus.statistics();
    assertThat(statistics.subscriptions().get(0).dropped()).as("counted for the subscription that missed it").isEqualTo(1);
    assertThat(statistics.dropped()).isEqualTo(1);
    assertThat(statistics.published()).isEqualTo(3);
  }

  @Test
  void underDropNewestAFullStoreDropsTheNewEventAtOnce() throws Exception {
    useBus(OverflowPolicy.DROP_NEWEST, Duration.ofSeconds(30));
    HeldEvents held = new HeldEvents(bus, 2);
    publishFromTheApplication(held, 1, 2, 3, 4);

    bus.on("order.*.*", e -> received.add(e.name() + "#" + e.invocationId()));
    held.release();

    assertThat(bus.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(received).containsExactly("order.after.create#1", "order.after.create#2");
    assertThat(bus.statistics().dropped()).isEqualTo(2);
  }

  @Test
  void underDropOldestAFullStoreDropsTheOldestKeptEvent() throws Exception {
    useBus(OverflowPolicy.DROP_OLDEST, Duration.ofSeconds(30));
    HeldEvents held = new HeldEvents(bus, 2);
    publishFromTheApplication(held, 1, 2, 3, 4);

    bus.on("order.*.*", e -> received.add(e.name() + "#" + e.invocationId()));
    held.release();

    assertThat(bus.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(received).containsExactly("order.after.create#3", "order.after.create#4");
    assertThat(bus.statistics().dropped()).isEqualTo(2);
  }

  @Test
  void droppedEventsThatNoSubscriptionWouldHaveReceivedAreNotCounted() throws Exception {
    useBus(OverflowPolicy.DROP_NEWEST, Duration.ofSeconds(30));
    HeldEvents held = new HeldEvents(bus, 1);
    Thread caller = new Thread(() -> {
      held.publish(bus.route("order.after.create"), event("order", Phase.AFTER, 1));
      held.publish(bus.route("order.after.create"), event("order", Phase.AFTER, 2)); // dropped
      held.publish(bus.route("account.after.update"), update(3)); // dropped; nobody will listen
      held.publish(null, Event.builder("note", Phase.AFTER, "create").invocationId(4).build()); // from code
    }, "app-main");
    caller.start();
    caller.join();

    bus.on("order.*.*", e -> received.add(e.name() + "#" + e.invocationId()));
    bus.on("note.*.*", e -> received.add(e.name() + "#" + e.invocationId()));
    held.release();

    assertThat(bus.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(received).containsExactly("order.after.create#1");
    BusStatistics statistics = bus.statistics();
    assertThat(statistics.subscriptions()).extracting(SubscriptionStatistics::dropped).containsExactly(1L, 1L);
    assertThat(statistics.dropped()).isEqualTo(2);
    assertThat(statistics.published()).isEqualTo(3);
  }

  @Test
  void anInterruptedPublisherWaitsForTheReleaseAllTheSameAndKeepsItsInterrupt() throws Exception {
    useBus(OverflowPolicy.BLOCK, Duration.ofSeconds(30));
    HeldEvents held = new HeldEvents(bus, 1);
    Route route = bus.route("order.after.create");
    held.publish(route, event("order", Phase.AFTER, 1));
    CountDownLatch second = new CountDownLatch(1);
    boolean[] stillInterrupted = new boolean[1];
    Thread publisher = new Thread(() -> {
      Thread.currentThread().interrupt(); // a cancelled task calling a service
      held.publish(route, event("order", Phase.AFTER, 2));
      stillInterrupted[0] = Thread.currentThread().isInterrupted();
      second.countDown();
    }, "app-worker");
    publisher.start();

    assertThat(second.await(300, TimeUnit.MILLISECONDS)).as("the interrupt does not end the wait").isFalse();
    bus.on("*.*.*", e -> received.add(e.name() + "#" + e.invocationId())); // the plugin subscribes
    held.release();

    assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(bus.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(received).as("nothing published before the plugin subscribed")
        .containsExactly("order.after.create#1", "order.after.create#2");
    assertThat(stillInterrupted[0]).as("the caller's interrupt is kept for its own code").isTrue();
  }

  @Test
  void theAgentsOwnThreadsAreNeverKeptBack() throws Exception {
    HeldEvents held = new HeldEvents(bus, 8);
    bus.on("*.*.*", e -> received.add(e.name() + "#" + e.invocationId()));
    Thread listener = new Thread(() -> held.publish(null, event("audit", Phase.AFTER, 5)), "herald-delivery-1");
    listener.start();
    listener.join();

    assertThat(bus.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(received).containsExactly("audit.after.create#5");
  }

  @Test
  void anAgentThreadFindingTheStoreFullDropsTheEventOfAHeldCallInsteadOfWaiting() throws Exception {
    useBus(OverflowPolicy.BLOCK, Duration.ofSeconds(30));
    HeldEvents held = new HeldEvents(bus, 1);
    held.publishOfHeldCall(bus.route("order.before.create"), event("order", Phase.BEFORE, 1));
    // its asynchronous result completes on a listener's thread, which must never wait
    Thread listener = new Thread(() -> held.publishOfHeldCall(bus.route("order.after.create"),
        event("order", Phase.AFTER, 1)), "herald-delivery-1");
    listener.start();
    listener.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(listener.isAlive()).as("the agent's thread did not wait for the plugins").isFalse();

    bus.on("*.*.*", e -> received.add(e.name() + "#" + e.invocationId()));
    held.release();

    assertThat(bus.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(received).containsExactly("order.before.create#1");
    assertThat(bus.statistics().dropped()).isEqualTo(1);
  }

  @Test
  void aStoreFilledLateInALongStartStillFollowsOverflow() throws Exception {
    useBus(OverflowPolicy.BLOCK, Duration.ofSeconds(10));
    HeldEvents held = new HeldEvents(bus, 2);
    Thread caller = new Thread(() -> {
      for (int id = 1; id <= 3; id++) {
        held.publish(bus.route("order.after.create"), event("order", Phase.AFTER, id));
      }
    }, "app-main");
    caller.start();
    awaitWaiting(caller);
    bus.on("*.*.*", e -> received.add(e.name() + "#" + e.invocationId())); // the last plugin subscribes
    held.release();
    caller.join();

    assertThat(bus.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(received).containsExactly("order.after.create#1", "order.after.create#2", "order.after.create#3");
  }

  @Test
  void codeEventsPastTheNameLimitAreCountedInTheBussTotal() throws Exception {
    useBus(OverflowPolicy.DROP_NEWEST, Duration.ofMillis(50));
    HeldEvents held = new HeldEvents(bus, 1);
    Thread caller = new Thread(() -> {
      held.publish(null, Event.builder("kept", Phase.AFTER, "create").build());
      for (int i = 0; i < 1024; i++) { // names nobody subscribes to (tenant-specific events, say)
        held.publish(null, Event.builder("n" + i, Phase.AFTER, "create").build());
      }
      for (int i = 0; i < 5; i++) {
        held.publish(null, Event.builder("note", Phase.AFTER, "create").build());
      }
    }, "app-main");
    caller.start();
    caller.join();
    bus.on("note.*.*", e -> received.add(e.name()));

    try (LogCapture log = new LogCapture()) {
      held.release();
      assertThat(log.lines(Level.WARN, "dropped")).singleElement().asString()
          .contains("5 events made while the plugins started were dropped")
          .contains("5 published from code under more than 1024 different names: in the bus's total only");
    }
    assertThat(bus.flush(Duration.ofSeconds(5))).isTrue();
    BusStatistics statistics = bus.statistics();
    assertThat(statistics.dropped()).isEqualTo(5);
    assertThat(statistics.subscriptions()).as("not a sum over the subscriptions: BusStatistics says so")
        .singleElement().extracting(s -> s.dropped()).isEqualTo(0L);
    assertThat(statistics.published()).as("every event from code counts, as Herald.bus().publish counts it")
        .isEqualTo(1 + 1024 + 5);
  }

  @Test
  void dropsCountedAtTheReleaseAreNotReportedAgainAsQueueFull() throws Exception {
    bus.shutdown(Duration.ofSeconds(2));
    bus = new DefaultEventBus(new BusOptions(1, OverflowPolicy.DROP_NEWEST, Duration.ofMillis(50), 2,
        Duration.ofSeconds(5)));
    HeldEvents held = new HeldEvents(bus, 1);
    Route route = bus.route("order.after.create");
    publishFromTheApplication(held, 1, 2, 3, 4); // 1 kept, 3 dropped
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch letGo = new CountDownLatch(1);
    bus.on("order.*.*", e -> {
      inside.countDown();
      letGo.await();
    });
    held.release(); // #1 reaches the listener, which holds on to it
    assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
    try (LogCapture log = new LogCapture()) {
      for (int id = 5; id <= 7; id++) { // the queue (2 slots) takes #5 and #6; #7 is its one drop
        bus.publish(route, event("order", Phase.AFTER, id));
      }
      assertThat(log.lines(Level.WARN, "(queue full")).containsExactly("subscription 'lambda' (pattern order.*.*)"
          + " dropped 1 event in the last 10 s (queue full, overflow drop-newest); 4 in all" + DropLog.ADVICE);
    } finally {
      letGo.countDown();
    }
  }

  @Test
  void theEventsOfAHeldCallAreKeptOnTheAgentsThreadsToo() throws Exception {
    HeldEvents held = new HeldEvents(bus, 8);
    bus.on("*.*.*", e -> received.add(e.name() + "#" + e.invocationId()));
    held.publishOfHeldCall(bus.route("order.before.create"), event("order", Phase.BEFORE, 7));
    // its asynchronous result completes on a listener's thread
    Thread listener = new Thread(() -> held.publishOfHeldCall(bus.route("order.after.create"),
        event("order", Phase.AFTER, 7)), "herald-delivery-1");
    listener.start();
    listener.join();

    assertThat(bus.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(received).as("kept, as its before event is").isEmpty();
    held.release();
    assertThat(bus.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(received).containsExactly("order.before.create#7", "order.after.create#7");
  }

  private void useBus(OverflowPolicy overflow, Duration blockTimeout) {
    bus.shutdown(Duration.ofSeconds(2));
    bus = new DefaultEventBus(new BusOptions(8192, overflow, blockTimeout, 2, Duration.ofSeconds(5)));
  }

  /** Publishes after events of "order" with these ids on an application thread, and waits for it. */
  private void publishFromTheApplication(HeldEvents held, long... ids) throws InterruptedException {
    Thread caller = new Thread(() -> {
      for (long id : ids) {
        held.publish(bus.route("order.after.create"), event("order", Phase.AFTER, id));
      }
    }, "app-main");
    caller.start();
    caller.join();
  }

  private static void awaitWaiting(Thread publisher) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (publisher.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(publisher.getState()).as("the publisher waits: the store is full").isEqualTo(Thread.State.TIMED_WAITING);
  }

  private static Event update(long id) {
    return Event.builder("account", Phase.AFTER, "update").invocationId(id).build();
  }

  private static Event event(String entity, Phase phase, long id) {
    return Event.builder(entity, phase, "create").invocationId(id).build();
  }
}
