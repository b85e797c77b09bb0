package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that catches StackOverflowErrors from recursions through a write method and
 * reuses the thread (as a server does): the error strikes anywhere, Herald's hooks and the bus's
 * queue included. The thread's later calls must emit as before, and the bus must go on delivering.
 */
class StackOverflowIT {

  @TempDir Path dir;

  @Test
  void aThreadThatCaughtStackOverflowsKeepsItsEventsAndTheBusKeepsDelivering() {
    Workspace ws = Workspace.in(dir);
    Path config = ws.config("services:\n  - { class: dev.herald.it.shapes.OverflowLedger, entity: ledger }\n"
        + Workspace.RECORDER);

    Jvm.Result result = Jvm.java().jvmArg("-Xss512k").agent(config).workDir(dir)
        .jar(Artifacts.shapesApp(), "overflow").run(Timeouts.RUN);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.value("overflow-rounds")).as(result.describe()).isEqualTo("60");
    assertThat(result.value("overflow-flushed")).as("no queue slot left claimed and empty; %s", result.describe())
        .isEqualTo("true");
    assertThat(result.value("overflow-flushed-after")).as(result.describe()).isEqualTo("true");
    assertThat(result.value("overflow-befores-after")).as("calls after the overflows; %s", result.describe())
        .isEqualTo("5");
    assertThat(result.value("overflow-ends-after")).as(result.describe()).isEqualTo("5");
    assertThat(result.heraldLines("WARN")).as(result.describe()).noneMatch(line -> line.contains("undelivered"));
  }
}
