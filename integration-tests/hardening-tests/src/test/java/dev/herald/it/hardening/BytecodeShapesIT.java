package dev.herald.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Point 10: the shapes corpus ({@code dev.herald.it.hardening.shapes}) and two generated services
 * near the 64 KB method limit, run under {@code -Xverify:all} with the agent and without it. Every
 * class passes the verifier, each call emits exactly once (one before, one after or failed, one
 * invocation id), and every result is the same as without the agent.
 */
class BytecodeShapesIT {

  private static final String SHAPES = "dev.herald.it.hardening.shapes.";

  /** Per case, the event names one call must emit, in order. */
  private static final Map<String, List<String>> EXPECTED = new LinkedHashMap<>();

  static {
    once("bridge-direct", "order", "create");
    once("bridge-via-base", "order", "create");
    once("varargs", "tag", "create");
    once("varargs-fixed", "tag", "update");
    once("wide-primitives", "ledger", "update");
    once("double-long", "ledger", "upsert");
    once("array-result", "ledger", "create");
    once("synchronized", "lock", "update");
    once("static-synchronized", "lock", "create");
    once("synchronized-block", "lock", "delete");
    once("default-method", "profile", "activate");
    once("record", "money", "update");
    once("enum", "light", "update");
    once("enum-constant-body", "light", "update");
    once("enum-activate", "light", "activate");
    once("nested", "nested", "create");
    once("inner", "inner", "create");
    once("anonymous", "counter", "create");
    once("local", "counter", "create");
    once("sealed-override", "vehicle", "create");
    once("sealed-inherited", "vehicle", "create");
    once("sealed-interface-record", "shape", "update");
    once("checked-ok", "file", "update");
    EXPECTED.put("checked-thrown", List.of("file.before.delete", "file.failed.delete"));
    once("recursion", "tree", "create");
    EXPECTED.put("nested-other-op", List.of(
        "tree.before.activate", "tree.before.update", "tree.after.update", "tree.after.activate"));
    once("large", "large", "create");
    EXPECTED.put("near-limit", List.of());
  }

  @TempDir static Path dir;
  static JvmResult withAgent;
  static JvmResult withoutAgent;

  @BeforeAll
  static void runShapes() {
    Path generated = GeneratedServices.compile(dir.resolve("gen-classes"));
    Path config = Sources.write(dir.resolve("herald.yaml"), """
        services:
          - { class: %1$sOrderStore, entity: order }
          - { class: %1$sVarargsService, entity: tag }
          - { class: %1$sLedgerService, entity: ledger }
          - { class: %1$sLockService, entity: lock }
          - { class: %1$sProfileService, entity: profile }
          - { class: %1$sMoney, entity: money }
          - { class: %1$sLight, entity: light }
          - { class: "%1$sOuter$Nested", entity: nested }
          - { class: "%1$sOuter$Inner", entity: inner }
          - { class: %1$sCounter, entity: counter }
          - { class: %1$sVehicle, entity: vehicle }
          - { class: %1$sShape, entity: shape }
          - { class: %1$sFileService, entity: file }
          - { class: %1$sTreeService, entity: tree }
          - { class: %2$s.NearLimitService, entity: near-limit }
          - { class: %2$s.LargeService, entity: large }
        """.formatted(SHAPES, GeneratedServices.PACKAGE));
    withAgent = shapes(generated).agent(config).run(Timeouts.RUN);
    withoutAgent = shapes(generated).run(Timeouts.RUN);
  }

  private static Jvm shapes(Path generated) {
    return Jvm.java().jvmArg("-Xverify:all").workDir(dir)
        .classpath(Artifacts.appClasses(), generated, Artifacts.apiClasses())
        .mainClass(SHAPES + "ShapesMain");
  }

  @Test
  void everyClassPassesTheVerifierAndTheRunCompletes() {
    for (JvmResult run : List.of(withAgent, withoutAgent)) {
      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(run.stdoutLines()).as(run.describe()).contains("APP DONE").noneMatch(l -> l.startsWith("flush-timeout"));
      assertThat(run.stderr()).as(run.describe()).doesNotContain("VerifyError").doesNotContain("ClassFormatError");
    }
  }

  @Test
  void everyResultIsTheSameAsWithoutTheAgent() {
    List<String> expected = results(withoutAgent);
    assertThat(expected).as(withoutAgent.describe()).hasSize(EXPECTED.size());
    assertThat(results(withAgent)).as(withAgent.describe()).containsExactlyElementsOf(expected);
    assertThat(withoutAgent.stdoutLines()).contains(
        "result near-limit=" + GeneratedServices.expected(7, GeneratedServices.NEAR_LIMIT_STATEMENTS),
        "result large=" + GeneratedServices.expected(7, GeneratedServices.LARGE_STATEMENTS),
        "result checked-thrown=threw java.io.FileNotFoundException: no such file: missing.txt");
  }

  @Test
  void eachCallEmitsExactlyOnce() {
    Map<String, List<String[]>> events = new LinkedHashMap<>();
    for (String line : withAgent.stdoutLines()) {
      if (line.startsWith("event ")) {
        String[] parts = line.split(" ");
        events.computeIfAbsent(parts[1], k -> new ArrayList<>()).add(parts);
      }
    }
    for (Map.Entry<String, List<String>> expected : EXPECTED.entrySet()) {
      List<String[]> seen = events.getOrDefault(expected.getKey(), List.of());
      assertThat(seen).as("case %s; %s", expected.getKey(), withAgent.describe())
          .extracting(parts -> parts[2]).containsExactlyElementsOf(expected.getValue());
      Map<String, Long> perInvocation = seen.stream()
          .collect(Collectors.groupingBy(parts -> parts[3], Collectors.counting()));
      assertThat(perInvocation.values()).as("a before and an after/failed per invocation id, %s", expected.getKey())
          .allMatch(count -> count == 2);
    }
    assertThat(events.keySet()).as("no events outside the expected cases").isSubsetOf(EXPECTED.keySet());
  }

  @Test
  void aMethodTooLargeToInstrumentIsReportedAndLeftAsItWas() {
    assertThat(withAgent.heraldLines("WARN")).as(withAgent.describe())
        .filteredOn(line -> line.contains(GeneratedServices.PACKAGE + ".NearLimitService"))
        .singleElement().asString().contains(GeneratedServices.PACKAGE + ".NearLimitService.create is too large to"
            + " instrument: with Herald's calls its bytecode would pass the JVM's 64 KB per method");
    assertThat(withAgent.stackTraceLines()).as(withAgent.describe()).isEmpty();
    assertThat(withAgent.heraldLines("ERROR")).as(withAgent.describe()).isEmpty();
  }

  private static void once(String name, String entity, String operation) {
    EXPECTED.put(name, List.of(entity + ".before." + operation, entity + ".after." + operation));
  }

  private static List<String> results(JvmResult run) {
    return run.stdoutLines().stream().filter(line -> line.startsWith("result ")).toList();
  }
}
