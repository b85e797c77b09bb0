package dev.herald.it.shapes;

import dev.herald.api.Event;
import dev.herald.api.EventContext;
import dev.herald.api.Herald;
import dev.herald.api.Phase;
import dev.herald.api.Subscription;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;

/** Scenarios about who acts (EventContext, MDC), code that publishes and subscribes, and exit. */
final class BusScenarios {

  /** Calls in {@link #burst}: each emits two events, all published just before main returns. */
  static final int BURST_CALLS = 1000;

  private BusScenarios() {}

  /** Context from EventContext, from the MDC keys {@code who}, {@code uid}, {@code trace}, and both. */
  static void context() throws InterruptedException {
    AccountService accounts = new AccountService();
    accounts.create(new Account("ctx-none", "nobody"));
    try (EventContext.Scope scope =
        EventContext.current().withActor("alice").withUserId("u-1").withTraceId("t-1").open()) {
      accounts.create(new Account("ctx-api", "alice"));
    }
    MDC.put("who", "bob");
    MDC.put("uid", "u-2");
    MDC.put("trace", "t-2");
    accounts.create(new Account("ctx-mdc", "bob"));
    try (EventContext.Scope scope = EventContext.of("carol", "u-3", "t-3").open()) {
      accounts.create(new Account("ctx-both", "carol"));
    }
    MDC.clear();
    ShipmentService shipments = new ShipmentService();
    try (EventContext.Scope scope = EventContext.of("dave", "u-4", "t-4").open()) {
      shipments.create("ctx-async");
    }
    Thread releaser = new Thread(shipments::release, "releaser");
    releaser.start();
    releaser.join();
    accounts.create(new Account("ctx-after", "nobody"));
  }

  /** The application subscribes to the agent's events and publishes its own. */
  static void publish() throws InterruptedException {
    List<String> received = new CopyOnWriteArrayList<>();
    CountDownLatch latch = new CountDownLatch(3);
    Subscription subscription = Herald.bus().on("*.after.*", event -> {
      received.add(event.name());
      latch.countDown();
    });
    new AccountService().create(new Account("pub-1", "app"));
    Herald.bus().publish(Event.builder("note", Phase.AFTER, "publish")
        .args("n-1", 7).result("noted").className("dev.herald.it.shapes.Main").methodName("publish")
        .build());
    new AccountService().update(new Account("pub-2", "app"));
    Report.print("publish-latch", latch.await(10, TimeUnit.SECONDS));
    Report.print("publish-received", received);
    Report.print("publish-flush", Herald.bus().flush(Duration.ofSeconds(10)));
    subscription.close();
  }

  /** Many events published right before main returns: the drain at exit must deliver them all. */
  static void burst() {
    AccountService accounts = new AccountService();
    for (int i = 0; i < BURST_CALLS; i++) {
      accounts.update(new Account("burst-" + i, "burst"));
    }
    Report.print("burst-calls", BURST_CALLS);
  }

  /**
   * An application that keeps loading classes for its first ~1.2 s, one every 20 ms (each from a
   * loader of its own): whether Herald's JMX beans appeared during that, and whether they did after.
   */
  static void settle() throws Exception {
    URL classes = BusScenarios.class.getProtectionDomain().getCodeSource().getLocation();
    HeraldControl control = HeraldControl.await(0); // at once: a handle to ask whether it is there yet
    int seenWhileLoading = 0;
    for (int i = 0; i < 60; i++) {
      try (URLClassLoader loader = new URLClassLoader(new URL[] {classes}, null)) {
        loader.loadClass(Draft.class.getName()); // a new class each time: defined by a new loader
      }
      if (control.registered()) {
        seenWhileLoading++;
      }
      Thread.sleep(20);
    }
    Report.print("settle-seen-while-loading", seenWhileLoading);
    Report.print("settle-registered-after", HeraldControl.await(10_000).registered());
  }

  /**
   * Loads classes for ~1.2 s, one every 20 ms (each from a loader of its own), counting the times
   * the recorder plugin had written its start line to {@code events.jsonl} in the working folder,
   * then makes the first call that emits.
   */
  static void pluginsWhileLoading() throws Exception {
    URL classes = BusScenarios.class.getProtectionDomain().getCodeSource().getLocation();
    Path recording = Path.of("events.jsonl");
    int startedWhileLoading = 0;
    for (int i = 0; i < 60; i++) {
      try (URLClassLoader loader = new URLClassLoader(new URL[] {classes}, null)) {
        loader.loadClass(Draft.class.getName());
      }
      if (Files.isRegularFile(recording) && Files.size(recording) > 0) {
        startedWhileLoading++;
      }
      Thread.sleep(20);
    }
    Report.print("plugins-started-while-loading", startedWhileLoading);
    new AccountService().create(new Account("first-call", "app"));
  }

  /** Loads nothing for a second, then makes the first call that emits. */
  static void pluginsAfterQuiet() throws Exception {
    Thread.sleep(1000);
    new AccountService().create(new Account("first-call", "app"));
  }

  /**
   * The first call that emits, made at once: whether the recorder plugin had written its start line
   * to {@code events.jsonl} in the working folder by the time the call returned.
   */
  static void pluginsFirstCall() throws Exception {
    new AccountService().create(new Account("first-call", "app"));
    Path recording = Path.of("events.jsonl");
    Report.print("plugins-started-by-first-return", Files.isRegularFile(recording) && Files.size(recording) > 0);
  }
}
