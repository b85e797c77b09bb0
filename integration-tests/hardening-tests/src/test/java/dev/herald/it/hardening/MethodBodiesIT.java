package dev.herald.it.hardening;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Method bodies that a weaver easily breaks ({@code dev.herald.it.hardening.bodies}): loops at the
 * first instruction, 269 local slots, wide parameters and locals, try/catch/finally on every path,
 * switches and loops with many returns, methods that only throw, synchronized blocks, lambdas and
 * anonymous classes, every primitive and array result, no and twelve parameters, recursion, static
 * and default methods of an interface. One JVM with the agent and one without, both under {@code
 * -Xverify:all}: every class verifies, every call returns or throws what it does without the agent,
 * and emits exactly the events in {@code method-bodies/expected.txt}, arguments, result and error
 * included.
 */
class MethodBodiesIT {

  private static final String BODIES = "dev.herald.it.hardening.bodies.";

  @TempDir static Path dir;
  static JvmResult withAgent;
  static JvmResult withoutAgent;

  @BeforeAll
  static void runBodies() {
    Path config = Sources.write(dir.resolve("herald.yaml"), """
        services:
          - class: %1$sLoopService
            entity: loop
            methods: { doWhileTop: doWhileTop, whileTop: whileTop, infiniteTop: infiniteTop,
                       staticDoWhile: staticDoWhile, staticForTop: staticForTop }
          - { class: %1$sManyLocalsService, entity: locals }
          - { class: %1$sWideService, entity: wide }
          - class: %1$sTryService
            entity: try
            methods: { returnInTry: returnInTry, returnInCatch: returnInCatch,
                       returnInFinally: returnInFinally, nestedTry: nestedTry, swallow: swallow,
                       rethrow: rethrow, finallyReplaces: finallyReplaces }
          - class: %1$sFlowService
            entity: flow
            methods: { table: table, lookup: lookup, words: words, findInGrid: findInGrid,
                       breakOut: breakOut }
          - class: %1$sMonitorService
            entity: monitor
            methods: { returnInside: returnInside, throwInside: throwInside, nested: nested }
          - { class: %1$sLambdaService, entity: lambda }
          - { class: %1$sPrimitiveService, entity: prim, methods: { "as*": returns } }
          - { class: %1$sParamsService, entity: params, methods: { tick: tick, mixed: mixed } }
          - { class: %1$sRecursiveService, entity: recur }
          - { class: %1$sRegistry, entity: registry }
        """.formatted(BODIES));
    withAgent = bodies().agent(config).run(Timeouts.RUN);
    withoutAgent = bodies().run(Timeouts.RUN);
  }

  private static Jvm bodies() {
    return Jvm.java().jvmArg("-Xverify:all").workDir(dir)
        .classpath(Artifacts.appClasses(), Artifacts.apiClasses())
        .mainClass(BODIES + "BodiesMain");
  }

  @Test
  void everyBodyPassesTheVerifierWithAndWithoutTheAgent() {
    for (JvmResult run : List.of(withAgent, withoutAgent)) {
      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(run.stdoutLines()).as(run.describe())
          .contains("APP DONE").noneMatch(line -> line.startsWith("flush-timeout"));
      assertThat(run.stderr()).as(run.describe())
          .doesNotContain("VerifyError").doesNotContain("ClassFormatError");
      assertThat(run.stackTraceLines()).as(run.describe()).isEmpty();
    }
  }

  @Test
  void instrumentsEveryBodyWithoutAWarning() {
    // A class the agent gives up on runs without events: that must not be how a shape "passes".
    assertThat(withAgent.heraldLines("WARN")).as(withAgent.describe()).isEmpty();
    assertThat(withAgent.heraldLines("ERROR")).as(withAgent.describe()).isEmpty();
  }

  @Test
  void everyCallReturnsOrThrowsWhatItDoesWithoutTheAgent() {
    Map<String, Output> expected = expected();
    Map<String, Output> without = outputs(withoutAgent);
    Map<String, Output> with = outputs(withAgent);
    assertThat(without.keySet()).as(withoutAgent.describe())
        .containsExactlyElementsOf(expected.keySet());
    SoftAssertions.assertSoftly(softly -> {
      for (Map.Entry<String, Output> shape : expected.entrySet()) {
        String name = shape.getKey();
        softly.assertThat(without.get(name).result()).as("%s without the agent", name)
            .isEqualTo(shape.getValue().result());
        softly.assertThat(without.get(name).events()).as("%s: no events without the agent", name)
            .isEmpty();
        softly.assertThat(with.containsKey(name) ? with.get(name).result() : "(not run)")
            .as("%s with the agent", name).isEqualTo(shape.getValue().result());
      }
    });
  }

  @Test
  void eachCallEmitsExactlyItsEventsWithArgumentsResultAndError() {
    Map<String, Output> expected = expected();
    Map<String, Output> with = outputs(withAgent);
    assertThat(with.keySet()).as(withAgent.describe()).containsExactlyElementsOf(expected.keySet());
    SoftAssertions.assertSoftly(softly -> {
      for (Map.Entry<String, Output> shape : expected.entrySet()) {
        softly.assertThat(with.get(shape.getKey()).events()).as("events of %s", shape.getKey())
            .containsExactlyElementsOf(shape.getValue().events());
      }
    });
  }

  /** What one case printed: its result line and its event lines, invocation ids numbered #1, #2... */
  record Output(String result, List<String> events) {}

  /** Parses {@code event <case> <id> <rest>} and {@code result <case>=<value>} lines, in case order. */
  private static Map<String, Output> outputs(JvmResult run) {
    Map<String, List<String>> events = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> ids = new HashMap<>();
    Map<String, Output> outputs = new LinkedHashMap<>();
    for (String line : run.stdoutLines()) {
      if (line.startsWith("event ")) {
        String[] parts = line.split(" ", 4);
        Map<String, Integer> numbers = ids.computeIfAbsent(parts[1], k -> new HashMap<>());
        int number = numbers.computeIfAbsent(parts[2], k -> numbers.size() + 1);
        events.computeIfAbsent(parts[1], k -> new ArrayList<>()).add("#" + number + " " + parts[3]);
      } else if (line.startsWith("result ")) {
        String name = line.substring("result ".length(), line.indexOf('='));
        outputs.put(name, new Output(line.substring(line.indexOf('=') + 1),
            events.getOrDefault(name, List.of())));
      }
    }
    return outputs;
  }

  /** Reads {@code method-bodies/expected.txt}; its header says the format. */
  private static Map<String, Output> expected() {
    String text;
    try (InputStream in = MethodBodiesIT.class.getResourceAsStream("/method-bodies/expected.txt")) {
      assertThat(in).as("method-bodies/expected.txt on the test class path").isNotNull();
      text = new String(in.readAllBytes(), UTF_8).replace("{many-locals}", Long.toString(manyLocals(3)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Output> expected = new LinkedHashMap<>();
    String name = null;
    for (String line : text.lines().toList()) {
      if (line.startsWith("  #")) {
        expected.get(name).events().add(line.strip());
      } else if (!line.isBlank() && !line.startsWith("#")) {
        int equals = line.indexOf(" = ");
        name = line.substring(0, equals);
        expected.put(name, new Output(line.substring(equals + 3), new ArrayList<>()));
      }
    }
    return expected;
  }

  /**
   * What {@code ManyLocalsService.update(seed)} returns, computed here without its 130 locals: a
   * hash of {@code seed + i} for i from 0 to 129, plus its counters (twice {@code seed + 3}, and 3000).
   */
  private static long manyLocals(long seed) {
    long hash = 0;
    for (int i = 0; i < 130; i++) {
      hash = hash * 31 + seed + i;
    }
    return hash + 2 * ((int) seed + 3) + 3000;
  }
}
