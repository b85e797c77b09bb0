package dev.herald.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Point 7: heap bounded by the queue under a stalled listener, and nothing left after a plugin stops. */
class MemoryIT {

  private static final int CALLS = 5_000_000;
  private static final long MB = 1024 * 1024;

  @TempDir Path dir;

  @Test
  void heapStaysBoundedByQueueCapacityAndReturnsOnceTheListenerIsGone() {
    Workspace ws = Workspace.in(dir, """
        bus: { overflow: drop-newest, queue-capacity: 8192 }
        """);
    // 10 million events kept would need well over a gigabyte: a leak would end in OutOfMemoryError
    Result result = Jvm.app(ws, "memory", "calls=" + CALLS)
        .jvmArg("-Xmx128m").jvmArg("-XX:+UseSerialGC").run(Duration.ofMinutes(3));
    long baseline = result.number("heap-baseline");
    long peak = result.number("heap-peak");
    long end = result.number("heap-end");
    Figures.of("7 memory").put("published", result.value("published"))
        .put("delivered", result.value("stalled-delivered")).put("dropped", result.value("stalled-dropped"))
        .put("heap-baseline-mb", baseline / MB).put("heap-peak-mb", peak / MB).put("heap-end-mb", end / MB)
        .put("end-minus-baseline-kb", (end - baseline) / 1024).put("calls-s", result.number("calls-ms") / 1000.0)
        .report();

    assertThat(result.exitCode()).as(result.describe()).isZero();
    long events = 2L * CALLS;
    assertThat(result.number("published")).isEqualTo(events);
    assertThat(result.number("stalled-queued")).as("the queue filled up to its capacity").isEqualTo(8192);
    assertThat(result.value("flush")).isEqualTo("true");
    assertThat(result.number("stalled-delivered") + result.number("stalled-dropped")).isEqualTo(events);
    // 8192 events of a few hundred bytes each: a few MB; 16 MB of slack for the JVM's own churn
    assertThat(result.value("agent-started")).as(result.describe()).isEqualTo("true");
    assertThat(peak - baseline).as("live heap while stalled, samples %s", result.value("heap-samples"))
        .isLessThan(16 * MB);
    assertThat(end - baseline).as("live heap after the listener is gone").isLessThan(2 * MB);
  }

  @Test
  void aStoppedPluginLeavesNoThreadNorClassLoaderBehind() {
    Workspace ws = Workspace.in(dir, """
        plugins:
          path: plugins/
          config:
            counting: { pattern: "order.*.*", worker: true, report: counting.txt }
        """);
    Result result = Jvm.app(ws, "leak").run(Duration.ofMinutes(2));
    Figures.of("7 plugin leaks").put("loader-collected", result.value("loader-collected"))
        .put("app-listener-saw-plugin-loader", result.value("app-listener-saw-plugin-loader"))
        .put("threads-left", result.value("threads-left")).report();

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.value("loader-tracked")).isEqualTo("true");
    assertThat(result.value("plugin-stopped")).as(result.describe()).isEqualTo("true");
    assertThat(ws.report("counting.txt")).containsEntry("listener0.before", 1_000L);
    assertThat(result.value("threads-left")).as("no herald-* or probe-* thread alive").isEqualTo("[]");
    assertThat(result.value("app-listener-saw-plugin-loader")).as("application listeners never run with a plugin's"
        + " context class loader; %s", result.describe()).isEqualTo("false");
    assertThat(result.value("loader-collected")).as("the plugin's class loader can be collected; %s", result.describe())
        .isEqualTo("true");
  }
}
