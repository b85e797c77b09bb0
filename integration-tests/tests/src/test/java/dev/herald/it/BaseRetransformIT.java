package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bases that loaded before the configured class inheriting from them (scenario {@code
 * bases-first}): they are instrumented by retransformation, which stops every application thread
 * while the JVM walks its classes. So the ones with a method to weave are retransformed together,
 * in one call, and one with nothing to weave (an interface of abstract methods) not at all.
 */
class BaseRetransformIT {

  private static final String SCENARIOS = "dev.herald.it.shapes.BaseScenarios$";

  @TempDir
  static Path dir;

  private static Jvm.Result result;
  private static Recording recording;

  @BeforeAll
  static void run() {
    Workspace ws = Workspace.in(dir);
    ws.config("""
        services:
          - class: %sTicketService
            entity: ticket
            methods: { remove: delete, restore: update }
        log: { level: debug }
        """.formatted(SCENARIOS) + Workspace.RECORDER);
    result = ws.shapes("bases-first").run(Timeouts.RUN);
    recording = ws.recording();
  }

  @Test
  void theInheritedDefaultMethodsEmit() {
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.value("remove")).isEqualTo("removed t-1");
    assertThat(Calls.names(recording, "t-1")).as(result.describe())
        .containsExactly("ticket.before.delete", "ticket.after.delete");
    assertThat(Calls.names(recording, "t-2")).containsExactly("ticket.before.update", "ticket.after.update");
  }

  @Test
  void theBasesWithSomethingToWeaveAreRetransformedInOneCallAndTheOtherNot() {
    List<String> retransforms = result.heraldLines().stream()
        .filter(line -> line.contains("retransformed in one call"))
        .collect(Collectors.toList());
    assertThat(retransforms).as(result.describe()).hasSize(1);
    assertThat(retransforms.get(0)).contains(SCENARIOS + "Removable", SCENARIOS + "Restorable")
        .doesNotContain("Named");
  }
}
