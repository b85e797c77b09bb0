package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md "Guarantees of the bus", seen from outside: application code on the same bus as the
 * agent, the drain at exit, and a failing listener that never reaches the service.
 */
class BusIT {

  private static final String ACCOUNTS = """
      services:
        - { class: dev.herald.it.shapes.AccountService, entity: account }
      """;

  @TempDir Path dir;

  @Test
  void applicationCodeSubscribesToAndPublishesBesideTheAgent() {
    Workspace ws = Workspace.in(dir);
    ws.config(ACCOUNTS + Workspace.RECORDER);
    Jvm.Result result = ws.shapes("publish").run(Timeouts.RUN);
    Recording recording = ws.recording();

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.value("publish-latch")).as("the app's own listener got 3 events; %s", result.describe()).isEqualTo("true");
    assertThat(result.value("publish-received"))
        .isEqualTo("[account.after.create, note.after.publish, account.after.update]");
    assertThat(result.value("publish-flush")).isEqualTo("true");
    assertThat(recording.names()).containsExactly(
        "account.before.create", "account.after.create", "note.after.publish",
        "account.before.update", "account.after.update");
    RecordedEvent published = Calls.first(recording, "note.after.publish");
    assertThat(published.args()).containsExactly("n-1", "7");
    assertThat(published.result()).isEqualTo("noted");
    assertThat(published.className()).isEqualTo("dev.herald.it.shapes.Main");
    assertThat(published.methodName()).isEqualTo("publish");
    assertThat(published.invocationId()).isZero();
  }

  @Test
  void withoutServicesTheJmxBeansStillWaitUntilTheApplicationStopsLoadingClasses() {
    Workspace ws = Workspace.in(dir);
    ws.config(Workspace.RECORDER); // no services: no transformer of Herald's tells it of class loads
    Jvm.Result result = ws.shapes("settle").run(Timeouts.RUN);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.value("settle-seen-while-loading"))
        .as("Herald set up its JMX beans while the application was still loading classes; %s", result.describe())
        .isEqualTo("0");
    assertThat(result.value("settle-registered-after")).as(result.describe()).isEqualTo("true");
  }

  @Test
  void drainsEventsPublishedRightBeforeMainReturns() {
    Workspace ws = Workspace.in(dir);
    ws.config(ACCOUNTS + Workspace.RECORDER);
    Jvm.Result result = ws.shapes("burst").run(Timeouts.RUN);
    Recording recording = ws.recording();

    assertThat(result.exitCode()).as(result.describe()).isZero();
    int calls = Integer.parseInt(result.value("burst-calls"));
    assertThat(recording.matching("account.before.update")).as(result.describe()).hasSize(calls);
    assertThat(recording.matching("account.after.update")).hasSize(calls);
    assertThat(result.heraldLines("ERROR")).as(result.describe()).isEmpty();
  }

  @Test
  void listenerFailuresNeverReachTheServiceAndAreLoggedRateLimited() {
    Workspace ws = Workspace.in(dir);
    ws.config(ACCOUNTS + """
        plugins:
          path: plugins/
          config:
            recorder: { file: events.jsonl, fail-on: "account.*.*" }
        """);
    Jvm.Result result = ws.shapes("errors", "burst").run(Timeouts.RUN);
    Recording recording = ws.recording();

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.value("errors-same-exception")).as("the service's own exception, not the listener's").isEqualTo("true");
    assertThat(result.stdoutLines()).contains("DONE");
    int calls = Integer.parseInt(result.value("burst-calls"));
    assertThat(recording.matching("account.*.update")).as("later deliveries go on").hasSize(2 * calls);
    List<String> problems = result.heraldLines().stream()
        .filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")).toList();
    assertThat(problems).as("listener failures are logged; %s", result.describe()).isNotEmpty();
    assertThat(problems.size()).as("rate-limited: far fewer lines than the %d failures", 2 * calls + 2)
        .isLessThan(100);
  }
}
