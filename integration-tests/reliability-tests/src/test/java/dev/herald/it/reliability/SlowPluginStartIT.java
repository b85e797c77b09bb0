package dev.herald.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin whose start outlasts the application's first calls, which make more events than the
 * agent keeps for it: the calls must not wait for the plugin's start (here it waits for a file
 * the application makes only after its calls), and what could not be kept is counted, not lost
 * silently.
 */
class SlowPluginStartIT {

  private static final int CALLS = 20;
  private static final String LISTENER = "counting:VerifyingListener";

  @TempDir Path dir;

  @Test
  void callsGoOnPastTheStoreOfKeptEventsAndWhatDidNotFitIsCounted() {
    Workspace ws = Workspace.in(dir, """
        bus: { queue-capacity: 8, block-timeout: 20ms }
        plugins:
          path: plugins/
          start-timeout: 60s
          config:
            counting: { pattern: "order.*.*", gate: gate, report: counting.txt }
        """);
    Result result = Jvm.app(ws, "gated", "calls=" + CALLS, "gate=" + dir.resolve("gate"))
        .run(Duration.ofSeconds(45));

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.value("calls-done")).as("the calls did not wait for the plugin's start; %s", result.describe())
        .isEqualTo("true");
    assertThat(result.value("flush")).as(result.describe()).isEqualTo("true");
    assertThat(ws.report("counting.txt"))
        .as("the events of the first 4 calls were kept for the plugin, in order, each call's before ahead of its after")
        .containsEntry("listener0.before", 4L).containsEntry("listener0.after", 4L)
        .containsEntry("listener0.outOfOrder", 0L).containsEntry("listener0.unpaired", 0L);
    long missed = 2L * CALLS - 8;
    assertThat(result.number("end.sub." + LISTENER + ".dropped")).as("counted for the plugin that missed them")
        .isEqualTo(missed);
    assertThat(result.number("end.published")).isEqualTo(2L * CALLS);
    assertThat(result.heraldLines(missed + " events made while the plugins started were dropped"))
        .as("one WARN says how many and why; %s", result.describe())
        .singleElement().asString().contains("WARN").contains("bus.queue-capacity").contains("block-timeout, 20 ms");
  }
}
