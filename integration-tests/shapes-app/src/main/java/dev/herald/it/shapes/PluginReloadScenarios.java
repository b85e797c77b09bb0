package dev.herald.it.shapes;


import dev.herald.api.Herald;
import dev.herald.api.SubscriptionStatistics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Plugin jars added, replaced and removed while the application runs ({@code reload: true}): the
 * app copies the recorder plugin into its plugin folder as an operator would, and calls a service
 * until the recorder has written the call, then overwrites the jar with another build of it and
 * waits for the recorder's second start line, restarts it over JMX with a backlog queued, then
 * removes it. System properties: {@code shapes.pluginFolder}, {@code shapes.pluginJar} and {@code
 * shapes.pluginJar2} (two recorder jars of different content), {@code shapes.recording} (the
 * recorder's file).
 */
final class PluginReloadScenarios {

  private static final long WAIT_MILLIS = 15_000;
  private static final int BACKLOG_CALLS = 50;

  private PluginReloadScenarios() {}

  static void plugins() throws Exception {
    Path folder = Path.of(System.getProperty("shapes.pluginFolder"));
    Path recording = Path.of(System.getProperty("shapes.recording"));
    Path installed = folder.resolve("recorder.jar");
    AccountService accounts = new AccountService();

    Files.copy(Path.of(System.getProperty("shapes.pluginJar")), installed);
    Report.print("plugins-calls-until-recorded", callUntilRecorded(accounts, recording, "first-"));

    // overwritten in place, as cp does (truncated, then written): the agent must wait for the whole file
    Files.write(installed, Files.readAllBytes(Path.of(System.getProperty("shapes.pluginJar2"))));
    Report.print("plugins-restarted-within-wait", awaitLines(recording, "\"plugin\":\"recorder\"", 2));
    Report.print("plugins-calls-until-recorded-after-replace", callUntilRecorded(accounts, recording, "second-"));

    HeraldControl control = HeraldControl.await(WAIT_MILLIS);
    Report.print("plugins-jmx-stop", control.invoke("stopPlugin", "recorder"));
    Report.print("plugins-jmx-stopped-gone", awaitNoRecorder());
    Report.print("plugins-jmx-list", String.join(" | ", control.attribute("Plugins")));
    Report.print("plugins-jmx-start", control.invoke("startPlugin", "recorder"));
    Report.print("plugins-jmx-calls-until-recorded", callUntilRecorded(accounts, recording, "third-"));
    Report.print("plugins-jmx-unknown", control.invoke("restartPlugin", "nobody"));
    // A backlog at a restart (the recorder sleeps after each event): the old instance records it
    // before its stop(), which closes its file.
    for (int i = 0; i < BACKLOG_CALLS; i++) {
      accounts.create(new Account("backlog-" + i, "reload"));
    }
    Report.print("plugins-backlog-queued", queuedForRecorder());
    Report.print("plugins-jmx-restart", control.invoke("restartPlugin", "recorder"));
    Report.print("plugins-backlog-recorded", count(recording, "backlog-"));

    Files.delete(installed);
    Report.print("plugins-removed-within-wait", awaitNoRecorder());
    accounts.create(new Account("after-removal", "reload"));
    Herald.bus().flush(Duration.ofSeconds(5));
    Report.print("plugins-recorded-after-removal", count(recording, "after-removal"));
  }

  /** Calls until the recorder has written one of these calls; the number of calls, or -1. */
  private static int callUntilRecorded(AccountService accounts, Path recording, String prefix) throws Exception {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    int calls = 0;
    while (System.currentTimeMillis() < deadline) {
      accounts.create(new Account(prefix + calls++, "reload"));
      Herald.bus().flush(Duration.ofSeconds(5));
      if (count(recording, prefix) > 0) {
        return calls;
      }
      Thread.sleep(50); // the agent polls the folder; give it a moment between calls
    }
    return -1;
  }

  /** Waits until {@code count} lines of the recording contain {@code text}; true if they did in time. */
  private static boolean awaitLines(Path recording, String text, int count) throws Exception {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      if (count(recording, text) >= count) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  /** Waits for the recorder's subscriptions to be gone from the bus; true if they went in time. */
  private static boolean awaitNoRecorder() throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      List<SubscriptionStatistics> subscriptions = Herald.bus().statistics().subscriptions();
      if (subscriptions.stream().noneMatch(s -> s.name().startsWith("recorder:"))) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  private static long queuedForRecorder() {
    return Herald.bus().statistics().subscriptions().stream().filter(s -> s.name().startsWith("recorder:"))
        .mapToLong(SubscriptionStatistics::queued).sum();
  }

  private static long count(Path recording, String text) throws Exception {
    if (!Files.exists(recording)) {
      return 0;
    }
    try (var lines = Files.lines(recording)) {
      return lines.filter(line -> line.contains(text)).count();
    }
  }
}
