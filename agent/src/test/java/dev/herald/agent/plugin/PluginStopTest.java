package dev.herald.agent.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.herald.agent.bus.BusOptions;
import dev.herald.agent.bus.DefaultEventBus;
import dev.herald.agent.bus.OverflowPolicy;
import dev.herald.api.Event;
import dev.herald.api.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PluginStopTest extends PluginTestSupport {

  private final List<Object> journal = Collections.synchronizedList(new ArrayList<>());

  @Test
  @Timeout(30)
  void aStopWaitsForTheListenerCallInProgressBeforeClosingThePluginsLoader() throws Exception {
    DefaultEventBus realBus = new DefaultEventBus(BusOptions.DEFAULTS);
    try {
      plugin("a.jar", "a");
      CountDownLatch inside = new CountDownLatch(1);
      CountDownLatch letGo = new CountDownLatch(1);
      PluginManager manager = new PluginManager(folder, Map.of("a", Map.of("journal", journal,
          "subscribe", "order.*.*", "hold", List.of(inside, letGo))), baseDirectory, Duration.ofSeconds(10),
          realBus, realBus::subscribe, apiLoader);
      manager.startAll();
      realBus.publish(Event.builder("order", Phase.AFTER, "create").build());
      assertThat(inside.await(10, TimeUnit.SECONDS)).as("the listener is called").isTrue();

      CompletableFuture<String> stop = CompletableFuture.supplyAsync(() -> manager.stop("a"));
      Thread.sleep(200); // the stop is under way: stop() returned, the subscription is closed
      letGo.countDown();   // the listener goes on, and loads a class of the plugin's jar
      stop.get(20, TimeUnit.SECONDS);

      assertThat(journal).contains("loaded:late:a");
      assertThat(realBus.statistics().failed()).as("the listener call did not fail").isZero();
      manager.close();
    } finally {
      realBus.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  @Timeout(30)
  void aStopWhileRunningDeliversWhatWasQueuedThenCallsStopAfterTheLastListenerCall() throws Exception {
    DefaultEventBus realBus = new DefaultEventBus(BusOptions.DEFAULTS);
    try {
      plugin("a.jar", "a");
      CountDownLatch inside = new CountDownLatch(1);
      CountDownLatch letGo = new CountDownLatch(1);
      PluginManager manager = new PluginManager(folder, Map.of("a", Map.of("journal", journal,
          "subscribe", "order.*.*", "hold", List.of(inside, letGo))), baseDirectory, Duration.ofSeconds(10),
          realBus, realBus::subscribe, apiLoader);
      manager.startAll();
      for (int i = 0; i < 3; i++) {
        realBus.publish(Event.builder("order", Phase.AFTER, "create").build());
      }
      assertThat(inside.await(10, TimeUnit.SECONDS)).as("the listener is called").isTrue();

      CompletableFuture<String> stop = CompletableFuture.supplyAsync(() -> manager.stop("a"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!realBus.statistics().subscriptions().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(1); // until the stop has taken the plugin's subscription off the routes
      }
      assertThat(realBus.statistics().subscriptions()).as("taken off the routes").isEmpty();
      assertThat(journal).as("stop() waits for the listener").doesNotContain("stop:a");
      realBus.publish(Event.builder("order", Phase.AFTER, "update").build()); // after the stop began: not for it
      letGo.countDown();
      stop.get(20, TimeUnit.SECONDS);

      assertThat(journal).containsExactly("start:a", "loaded:late:a", "loaded:late:a", "loaded:late:a", "stop:a");
      assertThat(realBus.statistics().dropped()).isZero();
      assertThat(logs.at(Level.WARN)).isEmpty();
      manager.close();
    } finally {
      realBus.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  @Timeout(30)
  void whatWasStillQueuedWhenTheDrainBeforeStopRanOutIsCountedInTheWarn() throws Exception {
    DefaultEventBus realBus = new DefaultEventBus(new BusOptions(8192, OverflowPolicy.BLOCK, Duration.ofMillis(50), 2,
        Duration.ofMillis(100)));
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch letGo = new CountDownLatch(1);
    try {
      plugin("a.jar", "a");
      PluginManager manager = new PluginManager(folder, Map.of("a", Map.of("subscribe", "order.*.*",
          "hold", List.of(inside, letGo))), baseDirectory, Duration.ofSeconds(1), realBus, realBus::subscribe,
          apiLoader);
      manager.startAll();
      for (int i = 0; i < 5; i++) {
        realBus.publish(Event.builder("order", Phase.AFTER, "create").build());
      }
      assertThat(inside.await(10, TimeUnit.SECONDS)).as("the listener is called").isTrue();

      CompletableFuture<String> stop = CompletableFuture.supplyAsync(() -> manager.stop("a"));
      // the drain's 100 ms ran out with four queued; half the limit waited for the call in progress
      logs.await(Level.WARN, "its stop() is called all the same", Duration.ofSeconds(10));
      letGo.countDown(); // the call returns, and the four are dropped as the subscription closed
      stop.get(20, TimeUnit.SECONDS);

      assertThat(logs.at(Level.WARN)).contains("plugin 'a' (plugins/a.jar): 4 events queued for it were not"
          + " delivered before its stop, within 100ms: dropped as its subscriptions close (counted in their"
          + " dropped)");
      manager.close();
    } finally {
      letGo.countDown();
      realBus.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  @Timeout(30)
  void aPluginStoppedByItsOwnListenerTellsWhatWasStillQueuedForIt() throws Exception {
    DefaultEventBus realBus = new DefaultEventBus(BusOptions.DEFAULTS);
    AtomicReference<PluginManager> managerOf = new AtomicReference<>();
    CompletableFuture<String> stopped = new CompletableFuture<>();
    CountDownLatch queued = new CountDownLatch(1);
    Runnable stopItself = () -> {
      if (!stopped.isDone()) {
        try {
          queued.await(); // the other four are queued behind this call
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        stopped.complete(managerOf.get().stop("a"));
      }
    };
    try {
      plugin("a.jar", "a");
      PluginManager manager = new PluginManager(folder, Map.of("a", Map.of("subscribe", "order.*.*",
          "on-event", stopItself)), baseDirectory, Duration.ofSeconds(10), realBus, realBus::subscribe, apiLoader);
      managerOf.set(manager);
      manager.startAll();
      for (int i = 0; i < 5; i++) {
        realBus.publish(Event.builder("order", Phase.AFTER, "create").build());
      }
      queued.countDown();
      stopped.get(20, TimeUnit.SECONDS);

      assertThat(logs.at(Level.WARN)).contains("plugin 'a' (plugins/a.jar): 4 events queued for it were not"
          + " delivered before its stop (it was stopped from a listener, which cannot wait for them): dropped as"
          + " its subscriptions close (counted in their dropped)");
      manager.close();
    } finally {
      queued.countDown();
      realBus.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  @Timeout(30)
  void atExitAStopThatHangsAndAListenerThatHangsShareOneLimit() throws Exception {
    DefaultEventBus realBus = new DefaultEventBus(BusOptions.DEFAULTS);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch letGo = new CountDownLatch(1);
    try {
      plugin("a.jar", "a");
      PluginManager manager = new PluginManager(folder, Map.of("a", Map.of("subscribe", "order.*.*",
          "hold", List.of(inside, letGo), "hang-stop", letGo)), baseDirectory, Duration.ofSeconds(10),
          realBus, realBus::subscribe, apiLoader);
      manager.startAll();
      realBus.publish(Event.builder("order", Phase.AFTER, "create").build());
      assertThat(inside.await(10, TimeUnit.SECONDS)).as("the listener is called").isTrue();
      realBus.shutdown(Duration.ofMillis(50)); // as at exit: the bus has drained what it could

      long start = System.nanoTime();
      manager.stopAll(Duration.ofSeconds(1));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      List<String> warnings = logs.at(Level.WARN);
      assertThat(warnings).hasSize(3);
      assertThat(warnings.get(0)).as("half of what stopAll left of its limit")
          .matches("plugin 'a' \\(plugins/a.jar\\): a listener call was still running [3-5]\\d\\dms after its"
              + " subscriptions closed; its stop\\(\\) is called all the same");
      assertThat(warnings.get(1)).startsWith("plugin 'a' (plugins/a.jar) did not stop within ");
      assertThat(warnings.get(2)).as("the listener got what the stop left of the limit, at least 100 ms").isEqualTo(
          "plugin 'a' (plugins/a.jar): a listener call was still running 100ms after its subscriptions closed;"
              + " its class loader is closed all the same, and the call may fail");
      assertThat(took).as("one limit, and the last wait's 100 ms").isLessThan(Duration.ofMillis(1_100 + 1_000));
    } finally {
      letGo.countDown();
      realBus.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  void stopsInReverseOrderThenClosesSubscriptionsAndLoaders() throws Exception {
    plugin("a.jar", "a");
    plugin("b.jar", "b");
    plugin("c.jar", "c");
    PluginManager manager = manager(Map.of(
        "a", Map.of("journal", journal, "subscribe", "order.*.*"),
        "b", Map.of("journal", journal, "subscribe", "payment.*.*"),
        "c", Map.of("journal", journal, "subscribe-lambda", "*.failed.*")));
    manager.startAll();
    ClassLoader loaderOfA = (ClassLoader) bus.argsOf("plugin.after.start", "a").get(2);
    assertThat(loaderOfA.getResource("plugin-name.txt")).as("open before stop").isNotNull();

    manager.stopAll(Duration.ofSeconds(5));

    assertThat(journal).containsExactly("start:a", "start:b", "start:c", "stop:c", "stop:b", "stop:a");
    assertThat(bus.subscriptions()).hasSize(3).allSatisfy(s -> assertThat(s.closed).as(s.name).isTrue());
    for (String name : List.of("a", "b", "c")) {
      ClassLoader loader = (ClassLoader) bus.argsOf("plugin.after.start", name).get(2);
      assertThat(loader.getResource("plugin-name.txt")).as("loader of %s closed", name).isNull();
    }
    assertThat(manager.started()).isEmpty();
  }

  @Test
  void stopsOnlyOnce() throws Exception {
    plugin("a.jar", "a");
    PluginManager manager = manager(Map.of("a", Map.of("journal", journal)));
    manager.startAll();

    manager.stopAll(Duration.ofSeconds(5));
    manager.stopAll(Duration.ofSeconds(5));
    manager.close();

    assertThat(journal).containsExactly("start:a", "stop:a");
  }

  @Test
  void startsNothingOnceStopped() throws Exception {
    plugin("a.jar", "a");
    PluginManager manager = manager(Map.of("a", Map.of("journal", journal)));

    manager.close();
    manager.startAll();

    assertThat(journal).isEmpty();
    assertThat(manager.started()).isEmpty();
  }

  @Test
  void logsAFailingStopAndStopsTheOthers() throws Exception {
    plugin("a.jar", "a");
    plugin("b.jar", "b");
    PluginManager manager = manager(Map.of(
        "a", Map.of("journal", journal),
        "b", Map.of("journal", journal, "fail-stop", true, "subscribe", "order.*.*")));
    manager.startAll();

    manager.stopAll(Duration.ofSeconds(5));

    assertThat(journal).containsExactly("start:a", "start:b", "stop:b", "stop:a");
    assertThat(logs.at(Level.ERROR)).containsExactly(
        "plugin 'b' (plugins/b.jar) failed to stop: java.lang.IllegalStateException: stop refused by b");
    assertThat(bus.subscriptions()).singleElement().satisfies(s -> assertThat(s.closed).isTrue());
  }

  @Test
  void namesTheNonDaemonThreadsAPluginLeftRunning() throws Exception {
    plugin("leaky.jar", "leaky");
    CountDownLatch release = new CountDownLatch(1);
    PluginManager manager = manager(Map.of("leaky", Map.of("leave-thread", release)));
    manager.startAll();
    try {
      manager.stopAll(Duration.ofSeconds(5));

      assertThat(logs.at(Level.WARN)).containsExactly("plugin 'leaky' (plugins/leaky.jar) left non-daemon"
          + " threads running after stop: [left-by-leaky]. Herald cannot end them, and they may keep the"
          + " JVM from exiting.");
    } finally {
      release.countDown();
    }
  }
}
