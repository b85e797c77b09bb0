package dev.herald.examples.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.api.Phase;
import dev.herald.plugin.kit.OddValues;
import dev.herald.plugin.kit.TestBus;
import dev.herald.plugin.kit.TestEvents;
import dev.herald.plugin.kit.TestPluginContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsolePluginTest {

  record Order(long id, BigDecimal total) {}

  private final TestBus bus = new TestBus();
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  private List<String> run(Map<String, Object> config, boolean colour, Runnable publish) {
    ConsolePlugin plugin = new ConsolePlugin(new PrintStream(buffer, true, StandardCharsets.UTF_8), colour, ZoneOffset.UTC);
    plugin.start(new TestPluginContext(bus, config, Path.of(".")));
    publish.run();
    plugin.stop();
    bus.closeAll();
    assertThat(bus.failures()).isEmpty();
    return buffer.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void printsOneReadableLinePerAfterEvent() {
    List<String> lines = run(Map.of(), false, () -> bus.publish(
        TestEvents.builder("order", Phase.AFTER, "create").invocationId(42)
            .result(new Order(7, new BigDecimal("30.00"))).args("ignored").build()));

    assertThat(lines).containsExactly(
        "12:00:00.123 order.after.create    OrderService.placeOrder #42  3.1 ms  actor=alice  user=u-1"
            + "  trace=trace-1  -> Order[id=7, total=30.00]");
  }

  @Test
  void printsArgumentsOfBeforeAndErrorOfFailed() {
    List<String> lines = run(Map.of(), false, () -> {
      bus.publish(TestEvents.sparse("order", Phase.BEFORE, "create"));
      bus.publish(TestEvents.builder("order", Phase.BEFORE, "create").invocationId(5).actor(null).userId(null)
          .traceId(null).args("alice@example.com", 3L, null, List.of(1, 2)).build());
      bus.publish(TestEvents.builder("order", Phase.FAILED, "create").invocationId(5).actor(null).userId(null)
          .traceId(null).error(new IllegalStateException("out of stock")).build());
    });

    assertThat(lines.get(0)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} order\\.before\\.create    \\(\\)");
    assertThat(lines.get(1)).isEqualTo(
        "12:00:00.123 order.before.create   OrderService.placeOrder #5  (\"alice@example.com\", 3, null, [1, 2])");
    assertThat(lines.get(2)).isEqualTo(
        "12:00:00.123 order.failed.create   OrderService.placeOrder #5  3.1 ms  !! IllegalStateException: out of stock");
  }

  @Test
  void hidesValuesWithoutShowArgs() {
    List<String> lines = run(Map.of("show-args", false), false, () -> {
      bus.publish(TestEvents.before("order", "create", "secret-argument"));
      bus.publish(TestEvents.after("order", "create", "secret-result", "secret-argument"));
    });

    assertThat(lines).hasSize(2).noneMatch(line -> line.contains("secret"));
  }

  @Test
  void printsOnlyTheErrorsClassWithoutShowArgs() {
    List<String> lines = run(Map.of("show-args", false), false, () -> bus.publish(
        TestEvents.failed("payment", "deactivate", new IllegalStateException("card 4111111111111111 is blocked"))));

    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).endsWith("  !! IllegalStateException").doesNotContain("4111");
  }

  @Test
  void escapesControlCharactersSoThatOneEventIsOneLine() {
    String forged = "bob\n12:00:00.000 payment.after.refund #999 -> ok\u001b[2J\u001b]0;pwned\u0007";
    List<String> lines = run(Map.of("max-value-length", 300L), false, () -> {
      bus.publish(TestEvents.builder("payment", Phase.BEFORE, "activate").actor("eve\r\u001b[1A").userId(null)
          .traceId(null).args(forged, List.of("a\tb"), '\u009b', "\u202egnp.exe").build());
      bus.publish(TestEvents.failed("payment", "activate", new IllegalStateException("no\n\u001b]0;x\u0007")));
    });

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).endsWith("  actor=eve\\r\\u001b[1A  (\"bob\\n12:00:00.000 payment.after.refund #999 -> ok"
        + "\\u001b[2J\\u001b]0;pwned\\u0007\", [\"a\\tb\"], \\u009b, \"\\u202egnp.exe\")");
    assertThat(lines.get(1)).endsWith("!! IllegalStateException: no\\n\\u001b]0;x\\u0007");
    assertThat(String.join("", lines)).doesNotContain("\u001b", "\u0007", "\r", "\u009b", "\u202e");
  }

  // "20" as well as 20: "${VAR}" inside { } must be quoted, which makes it text
  @ParameterizedTest
  @ValueSource(strings = {"number", "text"})
  void limitsValuesToMaxValueLength(String written) {
    Object twenty = written.equals("number") ? (Object) 20L : "20";
    List<String> lines = run(Map.of("max-value-length", twenty), false,
        () -> bus.publish(TestEvents.after("order", "create", OddValues.values().get("huge list"))));

    String value = lines.get(0).substring(lines.get(0).indexOf("-> ") + 3);
    assertThat(value).startsWith("[0, 1, 2, 3").endsWith("…").hasSizeLessThanOrEqualTo(20);
  }

  @Test
  void readsABooleanWrittenInQuotesAsTheBoolean() {
    List<String> lines = run(Map.of("show-args", "false"), false,
        () -> bus.publish(TestEvents.before("order", "create", "secret-argument")));

    assertThat(lines).hasSize(1).noneMatch(line -> line.contains("secret"));
  }

  @Test
  void printsOnlyMatchingEventsAndEachOnce() {
    List<String> lines = run(Map.of("events", List.of("order.*.*", "*.after.*")), false, () -> {
      bus.publish(TestEvents.after("order", "create", 1L));
      bus.publish(TestEvents.after("payment", "process", 2L));
      bus.publish(TestEvents.before("payment", "process"));
    });

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).contains("order.after.create");
    assertThat(lines.get(1)).contains("payment.after.process");
  }

  @Test
  void coloursOnlyWhenAskedTo() {
    Runnable publish = () -> bus.publish(TestEvents.failed("order", "create", new RuntimeException("x")));

    assertThat(run(Map.of(), true, publish).get(0)).contains("\u001b[31m").endsWith("\u001b[0m");
    buffer.reset();
    assertThat(run(Map.of(), false, publish).get(0)).doesNotContain("\u001b[");
  }

  @Test
  void rendersCyclesAndHostileObjectsSafely() {
    Map<String, Object> odd = OddValues.values();
    List<String> lines = run(Map.of(), false, () -> bus.publish(TestEvents.before("order", "create",
        odd.get("list containing itself"), odd.get("lazy proxy"), odd.get("hostile object"),
        odd.get("object graph with a cycle"))));

    assertThat(lines.get(0)).contains("[\"head\", (cycle)]", "<proxy LazyEntity>",
        "<Hostile: toString threw UnsupportedOperationException>", "<Node: toString threw StackOverflowError>");
  }

  @Test
  void refusesUnknownSettingsAndBadPatterns() {
    assertThatThrownBy(() -> ConsoleSettings.from(Map.of("show-arg", true)))
        .hasMessageContaining("unknown setting 'show-arg'");
    assertThatThrownBy(() -> ConsoleSettings.from(Map.of("events", "order.*")))
        .hasMessageContaining("three segments");
  }

  @Test
  void namesEveryBadSettingInOneMessage() {
    Map<String, Object> config = Map.of("show-arg", true, "events", List.of("order.*.*", "order.*"), "max-value-length", 4L);

    assertThatThrownBy(() -> ConsoleSettings.from(config))
        .hasMessageStartingWith("console: unknown setting 'show-arg' (known: [events, max-value-length, show-args]); pattern 'order.*' must have three segments, entity.phase.operation, e.g. order.*.*; "
            + "max-value-length must be at least 8, was 4");
  }

  @Test
  void aCollectionThatCannotBeReadIsShownByItsTypeAndTheRestGoesOn() {
    // a lazy collection read outside its session, as values are read after the call
    List<Object> lazy = new java.util.AbstractList<>() {
      @Override
      public Object get(int index) {
        throw new IllegalStateException("failed to lazily initialize a collection - no Session");
      }

      @Override
      public int size() {
        throw new IllegalStateException("failed to lazily initialize a collection - no Session");
      }
    };

    String text = ValueText.render(List.of("before", lazy, "after"), 200);

    assertThat(text).isEqualTo("[\"before\", <" + lazy.getClass().getName() + ": could not be read>, \"after\"]");
  }
}
