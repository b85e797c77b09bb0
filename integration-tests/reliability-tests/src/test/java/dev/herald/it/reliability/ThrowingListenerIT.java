package dev.herald.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Point 4: a listener that throws on every event. The failure log interval is one minute (fixed in
 * the agent), so the second test runs the service flat out for just over a minute to see the
 * summary line.
 */
class ThrowingListenerIT {

  private static final String THROWING = "throwing:ThrowingListener";
  private static final String CONFIG = """
      bus: { overflow: block, block-timeout: 60s }
      plugins:
        path: plugins/
        config:
          throwing: { pattern: "order.*.*" }
      """;

  @TempDir Path dir;

  @Test
  void serviceCallsAreUnaffectedFailuresCountedAndTheFirstLoggedWithItsStackTrace() {
    Workspace ws = Workspace.in(dir, CONFIG);
    Result result = Jvm.app(ws, "throwing", "calls=200000").run(Duration.ofMinutes(2));
    List<String> lines = result.heraldLines("'" + THROWING + "'");
    List<String> traces = traces(result);
    long calls = result.number("calls");
    long events = 2 * calls;
    Figures.of("4 throwing listener").put("calls", calls).put("published", result.value("end.published"))
        .put("failed", result.value("end.failed")).put("log-lines", lines.size()).put("stack-traces", traces.size())
        .put("run-s", result.number("uptime-ms") / 1000.0).report();

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.number("calls-ok")).as("every call returned its own result").isEqualTo(calls);
    assertThat(result.number("calls-thrown")).isZero();
    assertThat(result.value("flush")).as(result.describe()).isEqualTo("true");
    assertThat(result.number("end.sub." + THROWING + ".failed")).as("every failure counted").isEqualTo(events);
    assertThat(result.number("end.failed")).isEqualTo(events);
    assertThat(lines).as("within the first minute, only the first failure; %s", result.describe()).hasSize(1);
    assertThat(lines.get(0)).contains("WARN").contains("the listener threw");
    assertThat(traces).as("the first failure's stack trace, once").hasSize(1);
    int at = result.stderr().indexOf(traces.get(0));
    assertThat(result.stderr().substring(at)).as("with its frames")
        .contains("dev.herald.it.reliability.plugins.ThrowingPlugin$ThrowingListener.onEvent(");
    assertThat(result.heraldLines("bus: published " + events)).as("the shutdown summary counts the failures")
        .singleElement().asString().contains("failed " + events);
    assertThat(result.stderr()).as("no argument value above DEBUG: the exception's message is left out")
        .doesNotContain("4111-1111-");
    assertThat(result.stderr().lines()).as("nor can it forge a line").noneMatch(l -> l.contains("forged line"));
  }

  @Test
  void failuresAreSummarisedAtMostOncePerMinuteWhateverTheRate() {
    Workspace ws = Workspace.in(dir, CONFIG);
    Result result = Jvm.app(ws, "throwing", "calls=0", "seconds=63").run(Duration.ofMinutes(3));
    List<String> lines = result.heraldLines("'" + THROWING + "'");
    double seconds = result.number("uptime-ms") / 1000.0;
    long events = 2 * result.number("calls");
    Figures.of("4 throwing listener, one minute").put("calls", result.value("calls")).put("failed", result.value("end.failed"))
        .put("log-lines", lines.size()).put("stack-traces", traces(result).size()).put("run-s", seconds).report();

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.number("calls-ok")).isEqualTo(result.number("calls"));
    assertThat(result.number("end.failed")).isEqualTo(events);
    assertThat(traces(result)).as("one stack trace, whatever the count").hasSize(1);
    assertThat(lines).as("the first failure, then one summary per minute; %s", lines)
        .hasSizeBetween(2, 1 + (int) Math.ceil(seconds / 60));
    assertThat(lines.get(1)).contains("more times in the last interval").doesNotContain("\tat ")
        .endsWith("last: java.lang.IllegalStateException");
    assertThat(result.stderr()).doesNotContain("4111-1111-");
  }

  private static List<String> traces(Result result) {
    // a stack trace's first line; the summaries name the last failure too, but inside a log line
    return result.stderr().lines()
        .filter(l -> l.startsWith("dev.herald.agent.log.MessageHidden: java.lang.IllegalStateException, its message not shown"))
        .toList();
  }
}
