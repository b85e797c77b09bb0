package dev.herald.agent.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** New settings, operator requests (stop, start, restart, the view), and a shutdown in the middle of a change. */
class PluginControlTest extends PluginTestSupport {

  private final List<Object> journal = Collections.synchronizedList(new ArrayList<>());

  @Test
  void restartsExactlyThePluginWhoseSettingsChanged() throws Exception {
    plugin("a.jar", "a");
    plugin("b.jar", "b");
    PluginManager manager = manager(Map.of("a", Map.of("journal", journal), "b", Map.of("journal", journal)));
    manager.startAll();

    PluginChanges changes = manager.reconfigure(Map.of(
        "a", Map.of("journal", journal, "greeting", "hello"), "b", Map.of("journal", journal)));

    assertThat(changes.restarted()).containsExactly("a");
    assertThat(journal).containsExactly("start:a", "start:b", "stop:a", "start:a");
    assertThat(logs.at(Level.INFO)).contains("plugin 'a' restarted with its new settings from plugins/a.jar"
        + " (0 subscriptions)");
    @SuppressWarnings("unchecked")
    Map<String, Object> seen = (Map<String, Object>) bus.published("plugin.after.start").get(2).args().get(3);
    assertThat(seen).containsEntry("greeting", "hello");
    assertThat(manager.reconfigure(Map.of("a", Map.of("journal", journal, "greeting", "hello"),
        "b", Map.of("journal", journal))).isEmpty()).as("the same settings again").isTrue();
  }

  @Test
  void settingsForAPluginNotLoadedYetAreSaidToBeKeptNotThatNothingChanged() throws Exception {
    plugin("a.jar", "a");
    PluginManager manager = manager(Map.of("a", Map.of("journal", journal)));
    manager.startAll();

    // a ConfigMap update that brings the settings and the jar together: the jar waits one poll
    PluginChanges changes = manager.reconfigure(Map.of("a", Map.of("journal", journal),
        "audit", Map.of("file", "audit.jsonl")));

    assertThat(changes.isEmpty()).as("no plugin changed").isTrue();
    assertThat(changes.toString()).isEqualTo("settings kept for [audit], no plugin of that name loaded (yet)");
    assertThat(manager.reconfigure(Map.of("a", Map.of("journal", journal), "audit", Map.of("file", "audit.jsonl")))
        .toString()).as("the same settings again").isEqualTo("no changes");
  }

  @Test
  void keepsAPluginRunningWithItsPreviousSettingsWhenItRefusesTheNewOnes() throws Exception {
    plugin("a.jar", "a");
    PluginManager manager = manager(Map.of("a", Map.of("journal", journal, "subscribe", "order.*.*")));
    manager.startAll();

    PluginChanges changes = manager.reconfigure(Map.of(
        "a", Map.of("journal", journal, "subscribe", "order.*.*", "bad-setting", "colour")));

    assertThat(changes.refused()).containsExactly("a");
    assertThat(changes.failed()).isEmpty();
    assertThat(changes.toString()).isEqualTo("kept their previous settings [a]");
    assertThat(logs.at(Level.ERROR)).containsExactly("plugin 'a' (plugins/a.jar) failed to start: a: unknown"
        + " setting 'colour' (the settings under plugins.config.a)");
    assertThat(logs.at(Level.INFO)).contains("plugin 'a' refused its new settings; restarted with its previous"
        + " ones from plugins/a.jar (1 subscription)");
    assertThat(manager.started()).containsExactly("a");
    assertThat(journal).containsExactly("start:a", "stop:a", "start:a", "start:a");
    @SuppressWarnings("unchecked")
    Map<String, Object> seen = (Map<String, Object>) bus.published("plugin.after.start").get(2).args().get(3);
    assertThat(seen).doesNotContainKey("bad-setting");
    assertThat(bus.subscriptions()).extracting(s -> s.closed).containsExactly(true, true, false);

    assertThat(manager.restart("a")).as("a restart uses the settings in force")
        .isEqualTo("plugin 'a' restarted from plugins/a.jar (1 subscription)");
    journal.clear();
    assertThat(manager.reconfigure(Map.of("a", Map.of("journal", journal, "subscribe", "order.*.*",
        "bad-setting", "colour"), "b", Map.of())).isEmpty())
        .as("an edit elsewhere does not try the refused settings again").isTrue();
    assertThat(journal).isEmpty();
    assertThat(manager.reconfigure(Map.of("a", Map.of("journal", journal, "subscribe", "order.*.*")))
        .isEmpty()).as("the previous settings are the ones in force").isTrue();
    assertThat(manager.reconfigure(Map.of("a", Map.of("journal", journal, "subscribe", "order.*.*",
        "bad-setting", "colour"))).refused()).as("refused again once tried again").containsExactly("a");
  }

  @Test
  @Timeout(30)
  void fallsBackToThePreviousSettingsWhenAStartGivenUpOnRefusesTheNewOnesLate() throws Exception {
    plugin("a.jar", "a");
    PluginManager manager = manager(Map.of("a", Map.of("journal", journal, "subscribe", "order.*.*")),
        Duration.ofMillis(300));
    manager.startAll();
    CountDownLatch release = new CountDownLatch(1);
    Map<String, Map<String, Object>> refusedLate = Map.of("a", Map.of("journal", journal,
        "subscribe", "order.*.*", "block", release, "bad-setting", "colour"));

    PluginChanges changes = manager.reconfigure(refusedLate);
    assertThat(changes.failed()).as("given up on").containsExactly("a");
    release.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!manager.started().contains("a") && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    assertThat(manager.started()).containsExactly("a");
    assertThat(logs.at(Level.ERROR)).contains("plugin 'a' (plugins/a.jar) failed to start: a: unknown"
        + " setting 'colour' (the settings under plugins.config.a)");
    assertThat(logs.at(Level.INFO)).contains("plugin 'a' refused its new settings after its start timeout;"
        + " restarted with its previous ones from plugins/a.jar (1 subscription)");
    assertThat(journal).containsExactly("start:a", "stop:a", "start:a", "start:a");
    @SuppressWarnings("unchecked")
    Map<String, Object> seen = (Map<String, Object>) bus.published("plugin.after.start").get(2).args().get(3);
    assertThat(seen).doesNotContainKey("bad-setting");
    journal.clear();
    assertThat(manager.reconfigure(Map.of("a", refusedLate.get("a"), "b", Map.of())).isEmpty())
        .as("an edit elsewhere does not try the refused settings again").isTrue();
    assertThat(journal).isEmpty();
  }

  @Test
  void stopsAndStartsAPluginOnRequest() throws Exception {
    plugin("a.jar", "a");
    plugin("b.jar", "b");
    PluginManager manager = manager(Map.of("a", Map.of("journal", journal, "subscribe", "order.*.*")));
    manager.startAll();

    assertThat(manager.stop("a")).isEqualTo("plugin 'a' stopped on request (plugins/a.jar)");
    assertThat(manager.stop("a")).isEqualTo("plugin 'a' is already stopped");
    assertThat(manager.started()).containsExactly("b");
    assertThat(manager.plugins()).extracting(PluginView::toString).first().isEqualTo("a (a.jar): stopped");
    assertThat(bus.subscriptions()).singleElement().satisfies(s -> assertThat(s.closed).isTrue());

    plugin("a.jar", "a", "2");
    settle(manager);
    assertThat(journal).as("a replaced jar does not start what was stopped on request")
        .containsExactly("start:a", "stop:a");

    assertThat(manager.start("a")).isEqualTo("plugin 'a' started again from plugins/a.jar (1 subscription)");
    assertThat(manager.start("a")).isEqualTo("plugin 'a' is already running");
    assertThat(manager.restart("a")).isEqualTo("plugin 'a' restarted from plugins/a.jar (1 subscription)");
    assertThat(journal).containsExactly("start:a", "stop:a", "start:a", "stop:a", "start:a");
    PluginView a = manager.plugins().get(0);
    assertThat(a.name()).isEqualTo("a");
    assertThat(a.jarFile()).isEqualTo("a.jar");
    assertThat(a.state()).isEqualTo("running");
    assertThat(a.startedAt()).isNotNull();
  }

  @Test
  void startsAgainAPluginThatFailedOnceItsJarIsFixed() throws Exception {
    plugin("a.jar", "a");
    PluginManager manager = manager(Map.of("a", Map.of("fail-start", true)));
    manager.startAll();
    assertThat(manager.plugins()).singleElement().extracting(PluginView::state).isEqualTo("failed");

    assertThat(manager.start("a")).startsWith("plugin 'a' (plugins/a.jar) failed to start:");
    manager.reconfigure(Map.of("a", Map.of()));

    assertThat(manager.started()).containsExactly("a");
  }

  @Test
  void namesTheKnownPluginsWhenAskedForAnotherOne() throws Exception {
    plugin("a.jar", "audit");
    plugin("b.jar", "slack");
    PluginManager manager = manager(Map.of());
    manager.startAll();

    assertThatThrownBy(() -> manager.restart("slak")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no plugin named 'slak'; known: audit, slack");
    assertThatThrownBy(() -> manager.stop("slak")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> manager.start("slak")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @Timeout(30)
  void startsNothingAfterAShutdownThatCameDuringARescan() throws Exception {
    plugin("a.jar", "a");
    CountDownLatch release = new CountDownLatch(1);
    PluginManager manager = manager(Map.of("a", Map.of("journal", journal),
        "slow", Map.of("journal", journal, "block", release)));
    manager.startAll();
    plugin("slow.jar", "slow");
    manager.rescan();

    CompletableFuture<PluginChanges> rescan = CompletableFuture.supplyAsync(manager::rescan);
    bus.awaitPublished("plugin.after.start", "slow", Duration.ofSeconds(10)); // inside slow's start
    CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> manager.stopAll(Duration.ofSeconds(20)));
    release.countDown();
    rescan.get(20, TimeUnit.SECONDS);
    shutdown.get(20, TimeUnit.SECONDS);

    assertThat(journal).containsExactlyInAnyOrder("start:a", "start:slow", "stop:slow", "stop:a");
    plugin("late.jar", "late");
    assertThat(manager.rescan()).isSameAs(PluginChanges.NONE);
    assertThat(manager.rescan()).isSameAs(PluginChanges.NONE);
    assertThat(manager.restart("a")).isEqualTo("Herald is shutting down; plugins are not changed any more");
    assertThat(manager.started()).isEmpty();
  }
}
