package dev.herald.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Point 5: listeners that publish, subscribe and unsubscribe, and call the instrumented service,
 * from their handlers. What the agent does about the last: a service call made on a delivery
 * thread (inside a listener) runs normally and emits no events, so a listener on {@code order.*}
 * that creates orders cannot feed itself.
 */
class ReentrancyIT {

  private static final int CALLS = 5_000;

  @TempDir Path dir;

  @Test
  void reentrantListenersNeitherDeadlockNorLoseNorLoopEvents() {
    Workspace ws = Workspace.in(dir, """
        bus: { overflow: block, block-timeout: 60s, queue-capacity: 65536 }
        """);
    Result result = Jvm.app(ws, "reentrant", "calls=" + CALLS).run(Duration.ofMinutes(2));
    Figures.of("5 re-entrancy").put("calls", CALLS).put("published", result.value("end.published"))
        .put("delivered", result.value("end.delivered")).put("dropped", result.value("end.dropped"))
        .put("audit-republished", result.value("audit-received")).put("churn-cycles", result.value("churn-cycles"))
        .put("nested-service-calls", result.value("nested-calls")).report();

    assertThat(result.exitCode()).as("no deadlock: the JVM ended; %s", result.describe()).isZero();
    assertThat(result.value("flush")).as(result.describe()).isEqualTo("true");
    assertThat(result.number("stable-before")).as("no loss, and no events from nested calls").isEqualTo(CALLS);
    assertThat(result.number("stable-after")).isEqualTo(CALLS);
    assertThat(result.number("stable-unpaired")).isZero();
    assertThat(result.number("audit-received")).as("one republished event per order, none lost").isEqualTo(CALLS);
    assertThat(result.number("churn-cycles")).as("the churning listener saw every event").isEqualTo(2L * CALLS);
    assertThat(result.number("nested-calls")).isEqualTo(CALLS);
    assertThat(result.number("nested-wrong")).as("nested calls return their own results").isZero();
    assertThat(result.number("service-calls")).as("the nested calls ran").isEqualTo(2L * CALLS);
    assertThat(result.number("end.published")).as("2 events per call of main, 1 audit each, no loop")
        .isEqualTo(3L * CALLS);
    for (String stable : new String[] {"Stable", "Republisher", "AuditCounter", "Churner", "NestedCaller"}) {
      assertThat(result.number("end.sub." + stable + ".dropped")).as("%s dropped nothing", stable).isZero();
      assertThat(result.number("end.sub." + stable + ".failed")).as("%s never failed", stable).isZero();
    }
  }
}
