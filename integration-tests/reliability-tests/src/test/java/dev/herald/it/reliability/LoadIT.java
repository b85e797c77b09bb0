package dev.herald.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Point 1: 8 threads × 100,000 instrumented calls, two listeners, overflow block. */
class LoadIT {

  private static final int THREADS = 8;
  private static final int CALLS = 100_000;

  @TempDir Path dir;

  @Test
  void deliversEveryEventExactlyOnceAndBeforeAheadOfAfterToEachListener() {
    // block-timeout far above any stall: under block, nothing may be dropped here
    Workspace ws = Workspace.in(dir, """
        bus: { overflow: block, block-timeout: 60s, shutdown-timeout: 30s }
        plugins:
          path: plugins/
          config:
            counting: { pattern: "order.*.*", listeners: 2, report: counting.txt }
        """);
    Result result = Jvm.app(ws, "load", "threads=" + THREADS, "calls=" + CALLS).run(Duration.ofMinutes(3));
    long calls = (long) THREADS * CALLS;
    Map<String, Long> report = ws.report("counting.txt");
    Figures.of("1 load").put("calls", calls).put("published", result.value("end.published"))
        .put("delivered", result.value("end.delivered")).put("dropped", result.value("end.dropped"))
        .put("calls-s", result.number("calls-ms") / 1000.0).put("drained-s", result.number("drain-ms") / 1000.0)
        .report();

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.number("calls")).isEqualTo(calls);
    assertThat(result.number("wrong-results") + result.number("worker-errors")).isZero();
    assertThat(result.value("flush")).as("flush within 60 s; %s", result.describe()).isEqualTo("true");
    assertThat(result.number("end.published")).isEqualTo(2 * calls);
    assertThat(result.number("end.dropped")).as("nothing dropped under block").isZero();
    assertThat(result.number("end.delivered")).as("two listeners, each every event").isEqualTo(4 * calls);
    for (String listener : new String[] {"listener0", "listener1"}) {
      assertThat(report).as("%s: %s", listener, report)
          .containsEntry(listener + ".before", calls)
          .containsEntry(listener + ".after", calls)
          .containsEntry(listener + ".failed", 0L)
          .containsEntry(listener + ".other", 0L)
          .containsEntry(listener + ".duplicates", 0L)
          .containsEntry(listener + ".outOfOrder", 0L)
          .containsEntry(listener + ".unpaired", 0L);
    }
  }
}
