package dev.herald.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Point 3: a listener that never returns, under drop-newest. */
class HangingListenerIT {

  private static final int CALLS = 10_000;
  private static final long SHUTDOWN_TIMEOUT_MS = 2_000;
  private static final String HANGING = "hanging:HangingListener";

  @TempDir Path dir;

  @Test
  void serviceKeepsItsSpeedExitWaitsAtMostShutdownTimeoutAndTheLogNamesTheListener() {
    Workspace ws = Workspace.in(dir, """
        bus: { overflow: drop-newest, queue-capacity: 1024, shutdown-timeout: 2s }
        plugins:
          path: plugins/
          config:
            hanging: { pattern: "order.*.*" }
            counting: { pattern: "order.*.*", report: counting.txt }
        """);
    Result result = Jvm.app(ws, "hanging", "calls=" + CALLS).run(Duration.ofMinutes(2));
    long events = 2L * CALLS;
    String hanging = "end.sub." + HANGING;
    long exitMillis = result.endedAtEpochMillis() - result.number("main-end-epoch-ms");
    List<String> held = result.heraldLines("'" + HANGING + "'").stream().filter(l -> l.contains("undelivered")).toList();
    Figures.of("3 hanging listener").put("published", result.value("end.published"))
        .put("hanging-dropped", result.value(hanging + ".dropped")).put("hanging-queued", result.value(hanging + ".queued"))
        .put("counting-delivered", result.value("end.sub.counting:VerifyingListener.delivered"))
        .put("calls-s", result.number("calls-ms") / 1000.0).put("exit-s", exitMillis / 1000.0)
        .put("shutdown-timeout-s", SHUTDOWN_TIMEOUT_MS / 1000.0).report();

    assertThat(result.exitCode()).as(result.describe()).isZero();
    // blocked even 1 ms per event, the calls would take 20 s; a 10 ms listener would need 200 s
    assertThat(result.number("calls-ms")).as("the service was not held up").isLessThan(10_000);
    assertThat(result.value("counting-served")).as("the other subscription is served; %s", result.describe())
        .isEqualTo("true");
    assertThat(result.number("end.sub.counting:VerifyingListener.delivered")).as("nothing held up the counting listener")
        .isPositive();
    assertThat(result.number(hanging + ".dropped") + result.number(hanging + ".queued") + 1)
        .as("dropped + queued + the one in the listener = published").isEqualTo(events);
    assertThat(exitMillis).as("exit waits for shutdown-timeout, plus JVM teardown; %s", result.describe())
        .isLessThan(SHUTDOWN_TIMEOUT_MS + 3_000);
    long undelivered = result.number(hanging + ".queued") + 1;
    assertThat(held).as("one WARN naming the listener and what it held; %s", result.describe()).hasSize(1);
    assertThat(held.get(0)).contains("WARN").contains(" held " + undelivered + " events undelivered");
  }
}
