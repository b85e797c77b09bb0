package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Herald beside the OpenTelemetry Java agent, given first on the command line (the order that
 * makes its classes load through Herald's transformer), with a broad pattern that its internals
 * match ({@code **Processor}: its span processors): the application's events are exactly those of a
 * run without it, and none of its classes is woven.
 */
class OtherAgentsIT {

  @TempDir Path dir;

  @Test
  void besideTheOpenTelemetryAgentOnlyTheApplicationsClassesAreWoven() throws Exception {
    Path withOtel = Files.createDirectories(dir.resolve("with"));
    Path without = Files.createDirectories(dir.resolve("without"));

    Jvm.Result alone = run(without, false);
    Jvm.Result beside = run(withOtel, true);

    assertThat(alone.exitCode()).as(alone.describe()).isZero();
    assertThat(beside.exitCode()).as(beside.describe()).isZero();
    List<String> expected = calls(Recording.read(without.resolve("events.jsonl")));
    assertThat(expected).as("the run without the other agent records the account calls; %s", alone.describe())
        .isNotEmpty().allMatch(call -> call.contains("dev.herald.it.shapes.AccountService"));
    assertThat(calls(Recording.read(withOtel.resolve("events.jsonl")))).as(beside.describe())
        .containsExactlyElementsOf(expected);
    assertThat(beside.heraldLines("DEBUG")).as("woven: the application's classes only; %s", beside.describe())
        .anySatisfy(line -> assertThat(line).contains("instrumented dev.herald.it.shapes.AccountService"))
        .noneSatisfy(line -> assertThat(line).containsPattern("instrumented (io\\.opentelemetry|net\\.bytebuddy)"));
    assertThat(beside.heraldLines("WARN")).as(beside.describe()).isEmpty();
  }

  private static List<String> calls(Recording recording) {
    return recording.events().stream().map(e -> e.name() + " " + e.className() + "." + e.methodName()).toList();
  }

  private static Jvm.Result run(Path dir, boolean otel) throws Exception {
    Workspace ws = Workspace.in(dir);
    Path config = ws.write("herald.yaml", """
        services:
          - class: dev.herald.it.shapes.AccountService
            entity: account
          - class: "**Processor"
            entity: auto
            methods: { "on*": process }
        log: { level: debug }
        """ + Workspace.RECORDER);
    Jvm jvm = Jvm.java();
    if (otel) {
      jvm.jvmArg("-javaagent:" + Artifacts.openTelemetryAgent())
          .jvmArg("-Dotel.traces.exporter=none").jvmArg("-Dotel.metrics.exporter=none")
          .jvmArg("-Dotel.logs.exporter=none")
          // spans for the service's calls, so that its span processors run on each
          .jvmArg("-Dotel.instrumentation.methods.include=dev.herald.it.shapes.AccountService[create,update,delete]");
    }
    return jvm.agent(config).jar(Artifacts.shapesApp(), "events").workDir(dir).run(Timeouts.RUN);
  }
}
