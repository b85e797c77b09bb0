package dev.herald.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Point 6: events still queued when the JVM exits are delivered within shutdown-timeout, however
 * it exits. SIGKILL is not among them: nothing runs after it, so it promises nothing.
 */
class ExitPathsIT {

  private static final int CALLS = 400;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource({"return, 0", "exit-thread, 0", "throw, 1", "sigterm, 143"})
  void queuedEventsAreDeliveredAtExit(String how, int exitCode) {
    // 2 ms per event: about 1.6 s of work still queued when main is done
    Workspace ws = Workspace.in(dir, """
        bus: { overflow: block, block-timeout: 60s, shutdown-timeout: 30s }
        plugins:
          path: plugins/
          config:
            slow: { pattern: "order.*.*", sleep-millis: 2, report: slow.txt }
        """);
    Result result = Jvm.app(ws, "exit", "how=" + how, "calls=" + CALLS).run(Duration.ofMinutes(2));
    long events = 2L * CALLS;
    long received = ws.report("slow.txt").get("received");
    long exitMillis = result.endedAtEpochMillis() - result.number("main-end-epoch-ms");
    Figures.of("6 exit by " + how).put("published", events).put("queued-at-exit", result.value("queued-at-exit"))
        .put("delivered", received).put("exit-code", result.exitCode()).put("exit-s", exitMillis / 1000.0)
        .put("shutdown-timeout-s", 30).report();

    assertThat(result.exitCode()).as(result.describe()).isEqualTo(exitCode);
    assertThat(result.value("leaving")).isEqualTo(how);
    assertThat(result.number("queued-at-exit")).as("the drain had work to do").isPositive();
    assertThat(received).as("every queued event delivered before the plugin stopped; %s", result.describe())
        .isEqualTo(events);
    assertThat(result.heraldLines("undelivered")).isEmpty();
    assertThat(exitMillis).as("drained within shutdown-timeout").isLessThan(30_000);
  }

  @Test
  void theCallsOfAShutdownHookAreDeliveredWhenMainMadeNone() {
    Workspace ws = Workspace.in(dir, """
        plugins:
          path: plugins/
          config:
            counting: { pattern: "order.*.*", report: counting.txt }
        """);
    // main returns at once, before the start settles and before any event: the plugins start
    // all the same, as the JVM exits, since the application's hook may (and does) call a service
    Result result = Jvm.app(ws, "exit", "how=graceful", "calls=0", "hook-calls=5").run(Duration.ofMinutes(1));

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.value("hook-done")).as(result.describe()).isEqualTo("5");
    assertThat(ws.report("counting.txt")).as(result.describe())
        .containsEntry("listener0.before", 5L).containsEntry("listener0.after", 5L);
  }

  @Test
  void aShutdownHookThatPausesBetweenItsCallsIsWaitedFor() {
    Workspace ws = Workspace.in(dir, """
        plugins:
          path: plugins/
          config:
            counting: { pattern: "order.*.*", report: counting.txt }
        """);
    int hookCalls = 20;
    // longer than the drain waits for publishing to go quiet (20 ms), shorter than Herald waits for
    // a hook of the application that publishes nothing (200 ms); main exits before the start settles
    Result result = Jvm.app(ws, "exit", "how=graceful", "calls=10", "hook-calls=" + hookCalls, "hook-pause-ms=100")
        .run(Duration.ofMinutes(1));

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.value("hook-done")).as(result.describe()).isEqualTo(String.valueOf(hookCalls));
    assertThat(ws.report("counting.txt")).as("the calls of main and of the hook, each with both events; %s",
            result.describe())
        .containsEntry("listener0.before", 10L + hookCalls).containsEntry("listener0.after", 10L + hookCalls);
    assertThat(result.heraldLines("undelivered")).isEmpty();
  }

  @Test
  void theEventsOfCallsMadeInTheApplicationsOwnShutdownHookAreDelivered() {
    Workspace ws = Workspace.in(dir, """
        plugins:
          path: plugins/
          config:
            counting: { pattern: "order.*.*", report: counting.txt }
        """);
    int hookCalls = 300;
    Result result = Jvm.app(ws, "exit", "how=graceful", "calls=10", "hook-calls=" + hookCalls)
        .run(Duration.ofMinutes(1));

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.value("hook-done")).as(result.describe()).isEqualTo(String.valueOf(hookCalls));
    assertThat(ws.report("counting.txt")).as("the calls of main and of the hook, each with both events; %s",
            result.describe())
        .containsEntry("listener0.before", 10L + hookCalls).containsEntry("listener0.after", 10L + hookCalls)
        .containsEntry("listener0.unpaired", 0L);
    assertThat(result.heraldLines("undelivered")).isEmpty();
  }
}
