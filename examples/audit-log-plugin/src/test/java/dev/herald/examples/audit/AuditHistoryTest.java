package dev.herald.examples.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Phase;
import dev.herald.plugin.kit.TestBus;
import dev.herald.plugin.kit.TestEvents;
import dev.herald.plugin.kit.TestPluginContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the history of one entity back, from rotated files too, with the reader and with the jq recipe. */
class AuditHistoryTest {

  record Order(Long id, String item) {}

  @TempDir
  Path dir;

  private Path file;

  @BeforeEach
  void writeHistory() throws IOException {
    TestBus bus = new TestBus();
    AuditLogPlugin plugin = new AuditLogPlugin();
    plugin.start(new TestPluginContext(bus, Map.of("file", "audit.jsonl", "max-file-size", 1500L), dir));
    call(bus, "create", new Order(42L, "book"), new Order(null, "book"));
    call(bus, "create", new Order(43L, "pen"), new Order(null, "pen"));
    call(bus, "update", null, 42L, new Order(42L, "two books"));
    call(bus, "update", null, 43L, new Order(43L, "two pens"));
    long delete = TestEvents.nextInvocationId();
    bus.publish(TestEvents.builder("order", Phase.BEFORE, "delete").invocationId(delete).args(42L).build());
    bus.publish(TestEvents.builder("order", Phase.FAILED, "delete").invocationId(delete).args(42L)
        .error(new IllegalStateException("shipped")).build());
    bus.publish(TestEvents.after("payment", "process", 42L, 42L));
    plugin.stop();
    file = dir.resolve("audit.jsonl");
    assertThat(dir.resolve("audit.jsonl.1")).as("the history spans rotated files").exists();
  }

  private static void call(TestBus bus, String operation, Object result, Object... args) {
    long id = TestEvents.nextInvocationId();
    bus.publish(TestEvents.builder("order", Phase.BEFORE, operation).invocationId(id).args(args).build());
    bus.publish(TestEvents.builder("order", Phase.AFTER, operation).invocationId(id).args(args).result(result).build());
  }

  private static final List<String> EXPECTED = List.of("order.before.create", "order.after.create",
      "order.before.update", "order.after.update", "order.before.delete", "order.failed.delete");

  @Test
  void findsEveryEventOfOneEntityOldestFirst() throws IOException {
    List<JsonNode> history = AuditHistory.history(file, "order", "42");

    assertThat(history).extracting(e -> e.path("name").asText()).containsExactlyElementsOf(EXPECTED);
  }

  @Test
  void printsOneReadableLinePerEvent() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AuditHistory.print(AuditHistory.history(file, "order", "42"), false, new PrintStream(out, true, StandardCharsets.UTF_8));

    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(6);
    assertThat(lines.get(1)).contains("order.after.create", "actor=alice", "-> {\"id\":42,\"item\":\"book\"}");
    assertThat(lines.get(5)).contains("!! java.lang.IllegalStateException: shipped");
  }

  @Test
  void writesWhichRunOfTheApplicationEachLineCameFrom() throws IOException {
    List<JsonNode> history = AuditHistory.history(file, "order", "42");

    assertThat(history).extracting(e -> e.path("run").asText()).containsOnly(AuditRecord.RUN);
    assertThat(AuditRecord.RUN).startsWith(ProcessHandle.current().pid() + "@");
  }

  /** Two runs of the application appended to one file; invocation ids started at 1 in each. */
  private Path twoRuns() throws IOException {
    Path appended = dir.resolve("appended.jsonl");
    String line = "{\"name\":\"order.%s.create\",\"entity\":\"order\",\"phase\":\"%s\",\"invocationId\":1,"
        + "\"run\":\"%s\",\"args\":[\"%s\"],\"result\":%s}\n";
    Files.writeString(appended, String.format(line, "before", "before", "7@a", "book", "null")
        + String.format(line, "after", "after", "7@a", "book", "{\"id\":1}")
        + String.format(line, "before", "before", "8@b", "pen", "null")
        + String.format(line, "after", "after", "8@b", "pen", "{\"id\":2}"));
    return appended;
  }

  @Test
  void keepsTheCallsOfDifferentRunsApartThoughTheirIdsAreEqual() throws Exception {
    Path appended = twoRuns();

    assertThat(AuditHistory.history(appended, "order", "1")).extracting(e -> e.path("args").get(0).asText())
        .containsExactly("book", "book");
    assertThat(AuditHistory.history(appended, "order", "2")).extracting(e -> e.path("args").get(0).asText())
        .containsExactly("pen", "pen");
    if (jqAvailable()) {
      assertThat(jq("1", appended)).as("the jq recipe").hasSize(2).allMatch(l -> l.contains("\"book\""));
    }
  }

  private static List<String> jq(String id, Path... files) throws Exception {
    Path recipe = Path.of("src/main/resources/dev/herald/examples/audit/history.jq");
    List<String> command = new ArrayList<>(List.of("jq", "-c", "-s", "--arg", "entity", "order", "--arg", "id", id,
        "-f", recipe.toString()));
    for (Path f : files) {
      command.add(f.toString());
    }
    Process jq = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(jq.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(jq.waitFor(30, TimeUnit.SECONDS)).as("jq finished").isTrue();
    assertThat(jq.exitValue()).as("jq exit status; output: %s", output).isZero();
    return output.lines().toList();
  }

  @Test
  void jqRecipeSelectsTheSameEvents() throws Exception {
    assumeTrue(jqAvailable(), "jq is not installed");
    Path recipe = Path.of("src/main/resources/dev/herald/examples/audit/history.jq");
    List<String> command = new ArrayList<>(List.of("jq", "-s", "--arg", "entity", "order", "--arg", "id", "42",
        "-f", recipe.toString()));
    for (int i = 5; i >= 1; i--) {
      if (Files.exists(AuditFile.rotated(file, i))) {
        command.add(AuditFile.rotated(file, i).toString());
      }
    }
    command.add(file.toString());
    Process jq = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(jq.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(jq.waitFor(30, TimeUnit.SECONDS)).as("jq finished").isTrue();
    assertThat(jq.exitValue()).as("jq exit status; output: %s", output).isZero();

    List<String> names = output.lines().filter(l -> l.contains("\"name\"")).map(l -> l.replaceAll(".*\"name\": \"([^\"]+)\".*", "$1")).toList();
    assertThat(names).containsExactlyElementsOf(EXPECTED);
  }

  private static boolean jqAvailable() {
    try {
      Process p = new ProcessBuilder("jq", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

}
