package dev.herald.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Point 2: a 10 ms-per-event listener beside a fast one, under both drop policies. */
class SlowListenerIT {

  private static final int CALLS = 2_000;
  private static final String SLOW = "slow:SlowListener";

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"drop-newest", "drop-oldest"})
  void fastListenerGetsEverythingAndSlowOneCountsEveryDrop(String overflow) {
    Workspace ws = Workspace.in(dir, """
        bus: { overflow: %s, queue-capacity: 256, shutdown-timeout: 30s }
        plugins:
          path: plugins/
          config:
            slow: { pattern: "order.*.*", sleep-millis: 10, report: slow.txt }
        """.formatted(overflow));
    Result result = Jvm.app(ws, "slow", "calls=" + CALLS).run(Duration.ofMinutes(2));
    long events = 2L * CALLS;
    String slow = "end.sub." + SLOW;
    List<String> dropLines = result.heraldLines("'" + SLOW + "'").stream().filter(l -> l.contains("dropped")).toList();
    double seconds = result.number("uptime-ms") / 1000.0;
    Figures.of("2 slow listener, " + overflow).put("published", result.value("end.published"))
        .put("fast-delivered", result.value("end.sub.FastListener.delivered")).put("fast-s", result.number("fast-ms") / 1000.0)
        .put("slow-delivered", result.value(slow + ".delivered")).put("slow-dropped", result.value(slow + ".dropped"))
        .put("drop-log-lines", dropLines.size()).put("run-s", seconds).report();

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.value("plugins-started")).as(result.describe()).isEqualTo("true");
    assertThat(result.value("fast-complete")).as("fast listener got all %d events; %s", events, result.describe())
        .isEqualTo("true");
    // 10 ms per event: the slow one could not have served them all by the time the fast one had
    assertThat(result.number("slow-handled-when-fast-complete")).isLessThan(events);
    assertThat(result.number("end.sub.FastListener.dropped")).as("the fast one dropped nothing").isZero();
    assertThat(result.number("fast-ms")).as("generous: far below %d events × 10 ms", events).isLessThan(events * 10 / 2);
    assertThat(result.value("flush")).as(result.describe()).isEqualTo("true");
    long delivered = result.number(slow + ".delivered");
    long dropped = result.number(slow + ".dropped");
    assertThat(dropped).as("the queue of 256 overflowed").isPositive();
    assertThat(delivered + dropped).as("delivered + dropped = published, exactly").isEqualTo(events);
    assertThat(result.number(slow + ".failed") + result.number(slow + ".queued")).isZero();
    assertThat(ws.report("slow.txt")).as("what the listener itself counted").containsEntry("received", delivered);
    assertThat(result.heraldLines("bus: published " + events)).as("the shutdown summary counts every drop")
        .singleElement().asString().contains("dropped " + result.number("end.dropped"));
    assertThat(dropLines).as("drops logged, once per 10 s interval, not per event; %s", result.describe())
        .isNotEmpty()
        .hasSizeLessThanOrEqualTo(2 + (int) (seconds / 10));
  }
}
