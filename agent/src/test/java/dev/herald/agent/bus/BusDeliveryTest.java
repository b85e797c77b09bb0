package dev.herald.agent.bus;

import static dev.herald.agent.bus.BusTestSupport.WAIT;
import static dev.herald.agent.bus.BusTestSupport.await;
import static dev.herald.agent.bus.BusTestSupport.awaitUntil;
import static dev.herald.agent.bus.BusTestSupport.event;
import static dev.herald.agent.bus.BusTestSupport.number;
import static dev.herald.agent.bus.BusTestSupport.options;
import static dev.herald.agent.bus.BusTestSupport.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.herald.agent.bus.BusTestSupport.LogCapture;
import dev.herald.api.Event;
import dev.herald.api.Phase;
import dev.herald.api.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BusDeliveryTest {

  private DefaultEventBus bus = new DefaultEventBus(BusOptions.DEFAULTS);
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void shutDown() {
    release.countDown();
    bus.shutdown(Duration.ofSeconds(2));
  }

  @Test
  void deliversEachPublishersEventsInOrderToEverySubscription() throws Exception {
    bus = new DefaultEventBus(options(8192, OverflowPolicy.BLOCK, WAIT, 2));
    int publishers = 4;
    int perPublisher = 20_000;
    List<List<Event>> received = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (List<Event> list : received) {
      bus.on("order.*.*", list::add); // a listener is never called concurrently: no locking
    }
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < publishers; p++) {
      int publisher = p;
      Thread thread = new Thread(() -> {
        try {
          for (int i = 0; i < perPublisher; i++) {
            bus.publish(event("order", Phase.AFTER, "create", publisher, i));
          }
        } catch (Throwable t) {
          errors.add(t);
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join(WAIT.toMillis());
    }
    assertThat(errors).isEmpty();
    assertThat(bus.flush(WAIT)).as("flush").isTrue();

    for (List<Event> list : received) {
      assertThat(list).hasSize(publishers * perPublisher);
      int[] next = new int[publishers];
      for (Event event : list) {
        int publisher = (Integer) event.args().get(0);
        assertThat((Integer) event.args().get(1)).as("publisher %d's next event", publisher)
            .isEqualTo(next[publisher]++);
      }
    }
    assertThat(bus.statistics().dropped()).isZero();
  }

  @Test
  void deliversACallsBeforeAheadOfItsAfter() throws Exception {
    List<Event> received = new ArrayList<>();
    bus.on("order.*.create", received::add);
    for (long id = 1; id <= 1000; id++) {
      bus.publish(Event.builder("order", Phase.BEFORE, "create").invocationId(id).build());
      bus.publish(Event.builder("order", Phase.AFTER, "create").invocationId(id).build());
    }
    assertThat(bus.flush(WAIT)).isTrue();
    assertThat(received).hasSize(2000);
    for (int i = 0; i < received.size(); i += 2) {
      assertThat(received.get(i).phase()).isEqualTo(Phase.BEFORE);
      assertThat(received.get(i + 1).phase()).isEqualTo(Phase.AFTER);
      assertThat(received.get(i + 1).invocationId()).isEqualTo(received.get(i).invocationId());
    }
  }

  @Test
  void fansOutToEveryMatchingSubscriptionOnly() {
    ConcurrentLinkedQueue<String> orders = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> afters = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> exact = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> payments = new ConcurrentLinkedQueue<>();
    bus.on("order.*.*", e -> orders.add(e.name()));
    bus.on("*.after.*", e -> afters.add(e.name()));
    bus.on("order.after.create", e -> exact.add(e.name()));
    bus.on("payment.*.*", e -> payments.add(e.name()));

    bus.publish(event("order", Phase.AFTER, "create"));
    bus.publish(event("order", Phase.BEFORE, "delete"));
    bus.publish(event("payment", Phase.FAILED, "process"));
    bus.publish(event("account", Phase.AFTER, "update"));

    assertThat(bus.flush(WAIT)).isTrue();
    assertThat(orders).containsExactly("order.after.create", "order.before.delete");
    assertThat(afters).containsExactly("order.after.create", "account.after.update");
    assertThat(exact).containsExactly("order.after.create");
    assertThat(payments).containsExactly("payment.failed.process");
  }

  @Test
  void keepsServingWhenAListenerThrowsOnEveryEvent() {
    try (LogCapture log = new LogCapture()) {
      List<Integer> good = new ArrayList<>();
      Subscription throwing = bus.subscribe("order.*.*", "test:Throwing", e -> {
        throw new IllegalStateException("boom " + number(e));
      });
      Subscription overflowing = bus.subscribe("order.*.*", "test:Recursing", e -> recurse(0));
      Subscription counting = bus.on("order.*.*", e -> good.add(number(e)));
      for (int i = 0; i < 100; i++) {
        bus.publish(order(i));
      }

      assertThat(bus.flush(WAIT)).isTrue();
      assertThat(throwing.statistics().failed()).isEqualTo(100);
      assertThat(throwing.statistics().delivered()).isZero();
      assertThat(overflowing.statistics().failed()).isEqualTo(100);
      assertThat(counting.statistics().delivered()).isEqualTo(100);
      assertThat(good).hasSize(100);
      assertThat(bus.statistics().failed()).isEqualTo(200);
      // rate-limited: the first failure with its stack trace, not one line per event
      assertThat(log.lines(Level.WARN, "'test:Throwing'")).hasSize(1);
      assertThat(log.withStackTrace(Level.WARN, "'test:Throwing'")).isEqualTo(1);
      assertThat(log.lines(Level.WARN, "'test:Recursing'")).hasSize(1);
    }
  }

  /** A throwable whose message cannot be read: its getMessage throws another of its kind. */
  private static final class Unprintable extends RuntimeException {
    @Override
    public String getMessage() {
      throw new Unprintable();
    }
  }

  @Test
  void keepsDeliveringAndCountingWhenAListenersExceptionCannotBePrinted() {
    bus.shutdown(WAIT);
    bus = new DefaultEventBus(options(1024, OverflowPolicy.BLOCK, Duration.ofMillis(50), 1));
    try (LogCapture log = new LogCapture()) {
      Subscription bad = bus.subscribe("order.*.*", "test:Unprintable", e -> {
        throw new Unprintable();
      });
      List<Integer> good = new CopyOnWriteArrayList<>();
      bus.on("order.*.*", e -> good.add(number(e)));
      for (int i = 0; i < 100; i++) {
        bus.publish(order(i));
      }

      assertThat(bus.flush(WAIT)).as("the only delivery thread lives on").isTrue();
      assertThat(good).hasSize(100);
      assertThat(bad.statistics().failed()).isEqualTo(100);
      assertThat(bus.statistics().failed()).as("the bus's total counts each failure too").isEqualTo(100);
      // its message is not read above DEBUG (it may quote values), so the line is written whole
      assertThat(log.lines(Level.WARN, "'test:Unprintable'")).singleElement().asString()
          .contains("the listener threw (further failures are summarised");
      assertThat(log.withStackTrace(Level.WARN, "'test:Unprintable'")).as("with its frames").isEqualTo(1);
    }
  }

  @Test
  void aListenerPublishingWhatItsOwnPatternMatchesDoesNotFeedItself() throws Exception {
    bus.shutdown(WAIT);
    bus = new DefaultEventBus(options(1024, OverflowPolicy.BLOCK, Duration.ofMillis(50), 2));
    AtomicInteger seenByPublisher = new AtomicInteger();
    List<String> ticks = new CopyOnWriteArrayList<>();
    try (LogCapture log = new LogCapture()) {
      // a metrics plugin: on every event, one of its own, which its catch-all pattern matches too
      bus.subscribe("*.*.*", "metrics:listener", e -> {
        seenByPublisher.incrementAndGet();
        bus.publish(event("metrics", Phase.AFTER, "tick", e.name()));
      });
      bus.on("metrics.*.*", e -> ticks.add(e.name()));
      for (int i = 0; i < 3; i++) {
        bus.publish(order(i));
      }

      assertThat(bus.flush(WAIT)).isTrue();
      Thread.sleep(100); // a loop would go on after the flush; none must
      assertThat(seenByPublisher).as("the three orders, not its own ticks").hasValue(3);
      assertThat(ticks).as("the other subscription gets every tick").hasSize(3);
      assertThat(bus.statistics().published()).isEqualTo(6);
      assertThat(log.lines(Level.WARN, "its listener published metrics.after.tick, which its own pattern matches"))
          .as("told once").hasSize(1);
    }
  }

  @Test
  void subscriptionsPublishingToEachOtherStopAfterEightHops() throws Exception {
    bus.shutdown(WAIT);
    bus = new DefaultEventBus(options(1024, OverflowPolicy.BLOCK, Duration.ofMillis(50), 2));
    List<Integer> pings = new CopyOnWriteArrayList<>();
    List<Integer> pongs = new CopyOnWriteArrayList<>();
    List<Event> sent = new CopyOnWriteArrayList<>();
    List<Event> received = new CopyOnWriteArrayList<>();
    try (LogCapture log = new LogCapture()) {
      // two plugins answering each other's events: each event carries the hop it was published at
      Subscription ping = bus.subscribe("ping.*.*", "a:Ping", e -> {
        int hop = number(e);
        pings.add(hop);
        Event answer = event("pong", Phase.AFTER, "hit", hop + 1);
        sent.add(answer);
        bus.publish(answer);
      });
      Subscription pong = bus.subscribe("pong.*.*", "b:Pong", e -> {
        int hop = number(e);
        pongs.add(hop);
        received.add(e);
        bus.publish(event("ping", Phase.AFTER, "hit", hop + 1));
      });
      bus.publish(event("ping", Phase.AFTER, "hit", 0));

      long deadline = System.nanoTime() + WAIT.toNanos();
      while (pong.statistics().dropped() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(bus.flush(WAIT)).isTrue();
      Thread.sleep(100); // a circle would go on after the flush; this one must have ended
      assertThat(pings).as("the first from code, then each answer to an answer").containsExactly(0, 2, 4, 6, 8);
      assertThat(pongs).containsExactly(1, 3, 5, 7);
      assertThat(pong.statistics().dropped()).as("the ninth answer, which only b:Pong wanted").isEqualTo(1);
      assertThat(ping.statistics().dropped()).isZero();
      assertThat(bus.statistics().published()).as("every publish counts, the dropped one too").isEqualTo(10);
      assertThat(received).as("listeners get the very events published, never a wrapper")
          .zipSatisfy(sent.subList(0, 4), (got, published) -> assertThat(got).isSameAs(published));
      assertThat(log.lines(Level.WARN, "subscription 'a:Ping' (pattern ping.*.*): its listener published pong.after.hit"
          + " in answer to an event at the end of a chain of 8 publishes by listeners")).as("told once").singleElement()
          .asString()
          .contains("counted dropped for [b:Pong]");
    }
  }

  @Test
  void theRelayWarnCountsPublishesNotListeners() throws Exception {
    bus.shutdown(WAIT);
    bus = new DefaultEventBus(options(1024, OverflowPolicy.BLOCK, Duration.ofMillis(50), 2));
    try (LogCapture log = new LogCapture()) {
      // two subscriptions answering each other: eight publishes, by two listeners
      bus.subscribe("ping.*.*", "a:Ping", e -> bus.publish(event("pong", Phase.AFTER, "hit")));
      Subscription pong = bus.subscribe("pong.*.*", "b:Pong", e -> bus.publish(event("ping", Phase.AFTER, "hit")));
      bus.publish(event("ping", Phase.AFTER, "hit"));
      awaitUntil(() -> pong.statistics().dropped() == 1, "the ninth publish dropped");
      assertThat(bus.flush(WAIT)).isTrue();
      Thread.sleep(100); // counted before it is told
      assertThat(log.lines(Level.WARN, "subscription 'a:Ping'")).singleElement().asString()
          .doesNotContain("8 listeners")
          .contains("in answer to an event at the end of a chain of 8 publishes by listeners")
          .contains("what each other receives");
    }
  }

  @Test
  void aRelayDropByAListenerWhoseSubscriptionClosedMeanwhileIsStillTold() throws Exception {
    bus.shutdown(WAIT);
    bus = new DefaultEventBus(options(1024, OverflowPolicy.BLOCK, Duration.ofMillis(50), 2));
    try (LogCapture log = new LogCapture()) {
      // a plugin stopping while its listener answers: its subscription is closed during the call
      Subscription[] ping = new Subscription[1];
      ping[0] = bus.subscribe("ping.*.*", "a:Ping", e -> {
        if (number(e) == 8) {
          ping[0].close();
        }
        bus.publish(event("pong", Phase.AFTER, "hit", number(e) + 1));
      });
      Subscription pong = bus.subscribe("pong.*.*", "b:Pong",
          e -> bus.publish(event("ping", Phase.AFTER, "hit", number(e) + 1)));
      bus.publish(event("ping", Phase.AFTER, "hit", 0));
      awaitUntil(() -> pong.statistics().dropped() == 1, "the ninth publish dropped");
      assertThat(bus.flush(WAIT)).isTrue();
      Thread.sleep(100); // counted before it is told
      assertThat(log.lines(Level.WARN, "counted dropped for [b:Pong]"))
          .as("a drop is never only a number").hasSize(1);
    }
  }

  @Test
  void deliveryThreadsDoNotTakeTheInheritableThreadLocalsOfTheCodeThatStartedThem() throws Exception {
    bus.shutdown(WAIT);
    bus = new DefaultEventBus(options(1024, OverflowPolicy.BLOCK, Duration.ofMillis(50), 2));
    // a web application's request thread subscribes first, the delivery threads starting on it; what
    // it holds in an InheritableThreadLocal (a request context, objects of its classes) must not stay
    // in Herald's threads for their whole life, nor reach other plugins' listeners
    List<String> inheritedBy = new CopyOnWriteArrayList<>();
    InheritableThreadLocal<Object> request = new InheritableThreadLocal<>() {
      @Override
      protected Object childValue(Object parent) {
        for (StackTraceElement frame : new Throwable().getStackTrace()) {
          if (frame.getMethodName().equals("<init>") && frame.getClassName().startsWith("dev.herald.agent.bus.")) {
            inheritedBy.add(frame.getClassName());
          }
        }
        return parent;
      }
    };
    List<Object> seen = new CopyOnWriteArrayList<>();
    Thread webapp = new Thread(() -> {
      request.set("the web application's request");
      bus.on("order.*.*", e -> seen.add(String.valueOf(request.get())));
    });
    webapp.start();
    webapp.join(WAIT.toMillis());
    bus.publish(order(1));
    assertThat(bus.flush(WAIT)).isTrue();

    assertThat(seen).containsExactly("null");
    assertThat(inheritedBy).as("Herald's threads made with the subscriber's inheritable thread-locals").isEmpty();
  }

  @Test
  void aListenersLeftoverInterruptDoesNotReachTheNextListener() throws Exception {
    bus.shutdown(WAIT);
    bus = new DefaultEventBus(options(1024, OverflowPolicy.BLOCK, Duration.ofMillis(50), 1));
    // the usual catch (InterruptedException e) { Thread.currentThread().interrupt(); }
    bus.on("order.*.*", e -> Thread.currentThread().interrupt());
    List<Integer> interrupted = new CopyOnWriteArrayList<>();
    bus.on("order.*.*", e -> {
      if (Thread.currentThread().isInterrupted()) {
        interrupted.add(number(e));
      }
    });
    for (int i = 0; i < 200; i++) {
      bus.publish(order(i));
    }

    assertThat(bus.flush(WAIT)).isTrue();
    assertThat(interrupted).as("events the second listener got on an interrupted thread").isEmpty();
  }

  private static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }

  @Test
  void aStuckListenerDoesNotDelayAnother() throws Exception {
    bus = new DefaultEventBus(options(1024, OverflowPolicy.BLOCK, Duration.ofMillis(50), 2));
    CountDownLatch slowStarted = new CountDownLatch(1);
    CountDownLatch fastGotAll = new CountDownLatch(100);
    bus.subscribe("order.*.*", "test:Slow", e -> {
      slowStarted.countDown();
      release.await();
    });
    bus.subscribe("order.*.*", "test:Fast", e -> fastGotAll.countDown());

    bus.publish(order(0));
    await(slowStarted, "the slow listener to hold a delivery thread");
    for (int i = 1; i < 100; i++) {
      bus.publish(order(i));
    }
    await(fastGotAll, "the fast listener to get every event while the slow one is stuck");
    release.countDown();
    assertThat(bus.flush(WAIT)).isTrue();
  }

  @Test
  void routeFollowsSubscriptionsAsTheyComeAndGo() throws Exception {
    Route route = bus.route("order.after.create");
    assertThat(route.isEmpty()).isTrue();
    assertThat(bus.route("order.after.create")).isSameAs(route);

    CountDownLatch got = new CountDownLatch(1);
    Subscription orders = bus.on("order.*.*", e -> got.countDown());
    Subscription payments = bus.on("payment.*.*", e -> { });
    assertThat(route.isEmpty()).isFalse();
    assertThat(bus.route("payment.after.create").isEmpty()).isFalse();
    bus.publish(route, order(1));
    await(got, "delivery through a route made before the subscription");

    payments.close();
    assertThat(route.isEmpty()).isFalse();
    orders.close();
    assertThat(route.isEmpty()).isTrue();
    assertThat(bus.route("payment.after.create").isEmpty()).isTrue();
  }

  @Test
  void statisticsTotalsIncludeClosedSubscriptions() {
    Subscription first = bus.subscribe("order.*.*", "test:First", e -> { });
    Subscription second = bus.subscribe("*.*.*", "test:Second", e -> { });
    bus.publish(order(1));
    bus.publish(event("payment", Phase.AFTER, "process"));
    bus.publish(event("nobody", Phase.AFTER, "listens"));
    assertThat(bus.flush(WAIT)).isTrue();
    first.close();

    var statistics = bus.statistics();
    assertThat(statistics.published()).isEqualTo(3);
    assertThat(statistics.delivered()).isEqualTo(4);
    assertThat(statistics.subscriptions()).extracting(s -> s.name()).containsExactly("test:Second");
    assertThat(first.statistics().delivered()).isEqualTo(1);
    assertThat(second.statistics().delivered()).isEqualTo(3);
  }

  @Test
  void namesSubscriptionsAfterTheListener() {
    assertThat(bus.on("order.*.*", e -> { }).name()).isEqualTo("lambda");
    assertThat(bus.on("order.*.*", new NamedListener()).name()).isEqualTo("NamedListener");
    assertThat(bus.subscribe("order.*.*", "audit-log:Audit", e -> { }).name())
        .isEqualTo("audit-log:Audit");
  }

  @Test
  void rejectsMalformedPatternsAndIgnoresNulls() {
    assertThatThrownBy(() -> bus.on("order.*", e -> { })).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> bus.on("order.during.*", e -> { }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> bus.on("order.*.*", null)).isInstanceOf(NullPointerException.class);
    bus.publish(null);
    bus.publish(null, order(1));
    bus.publish(bus.route("order.after.create"), null);
    assertThat(bus.statistics().published()).isZero();
  }

  @Test
  void routesNamesBeyondTheCacheWithoutCachingThem() {
    List<String> received = new ArrayList<>();
    bus.on("*.after.create", e -> received.add(e.entity()));
    for (int i = 0; i <= RouteTable.MAX_CACHED; i++) {
      bus.publish(event("e" + i, Phase.AFTER, "create"));
    }
    assertThat(bus.flush(WAIT)).isTrue();
    assertThat(received).hasSize(RouteTable.MAX_CACHED + 1).endsWith("e" + RouteTable.MAX_CACHED);
  }

  private static final class NamedListener implements dev.herald.api.EventListener {
    @Override
    public void onEvent(Event event) {}
  }
}
