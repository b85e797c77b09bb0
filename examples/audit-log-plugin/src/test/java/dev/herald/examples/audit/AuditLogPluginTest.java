package dev.herald.examples.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Event;
import dev.herald.api.Phase;
import dev.herald.plugin.kit.OddValues;
import dev.herald.plugin.kit.TestBus;
import dev.herald.plugin.kit.TestEvents;
import dev.herald.plugin.kit.TestPluginContext;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditLogPluginTest {

  record Order(long id, BigDecimal total) {}

  record Card(String cardNumber, String holder) {}

  /** A bean, read through its getters. */
  public static final class Account {
    public String getLogin() {
      return "alice";
    }

    public String getToken() {
      return "tok-123";
    }

    public Card getCard() {
      return new Card("4111111111111111", "Alice");
    }
  }

  /** No getters: nothing for Jackson to read, and a Lombok-style toString() that prints every field. */
  static final class OpaqueCard {
    private final String cardNumber = "4111111111111111";
    private final String cvv = "123";

    @Override
    public String toString() {
      return "OpaqueCard(cardNumber=" + cardNumber + ", cvv=" + cvv + ")";
    }
  }

  record Login(String user, @JsonIgnore String password) {}

  /** A bean of the application's, whose Jackson annotations are not the plugin's Jackson's: see {@link #applicationClass}. */
  public static final class Session {
    public String getUser() {
      return "alice";
    }

    @JsonIgnore
    public String getToken() {
      return "tok-123";
    }

    @JsonIgnore(false)
    public String getClient() {
      return "web";
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir
  Path dir;

  private final TestBus bus = new TestBus();

  private List<JsonNode> run(Map<String, Object> settings, Event... events) throws IOException {
    AuditLogPlugin plugin = new AuditLogPlugin();
    Map<String, Object> config = new HashMap<>(settings);
    config.putIfAbsent("file", "audit.jsonl");
    plugin.start(new TestPluginContext(bus, config, dir));
    for (Event event : events) {
      bus.publish(event);
    }
    plugin.stop();
    bus.closeAll();
    assertThat(bus.failures()).isEmpty();
    return read(dir.resolve("audit.jsonl"));
  }

  static List<JsonNode> read(Path file) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      nodes.add(MAPPER.readTree(line));
    }
    return nodes;
  }

  @Test
  void writesEveryFieldOfAnEventAsOneJsonLine() throws IOException {
    Event event = TestEvents.builder("order", Phase.AFTER, "create").invocationId(42)
        .args("alice@example.com", 3).result(new Order(7, new BigDecimal("30.00"))).build();

    run(Map.of(), event);
    String line = Files.readAllLines(dir.resolve("audit.jsonl")).get(0);

    assertThat(line).isEqualTo("{\"name\":\"order.after.create\",\"entity\":\"order\",\"phase\":\"after\","
        + "\"operation\":\"create\",\"timestamp\":\"2026-01-15T12:00:00.123Z\",\"invocationId\":42,"
        + "\"run\":\"" + AuditRecord.RUN + "\","
        + "\"duration\":\"PT0.0031S\",\"actor\":\"alice\",\"userId\":\"u-1\",\"traceId\":\"trace-1\","
        + "\"class\":\"com.acme.orders.OrderService\",\"method\":\"placeOrder\",\"args\":[\"alice@example.com\",3],"
        + "\"result\":{\"id\":7,\"total\":30.00},\"error\":null}");
  }

  @Test
  void writesTheErrorOfAFailedEventWithStackTraceOnRequest() throws IOException {
    Event event = TestEvents.failed("order", "create", new IllegalStateException("out of stock"));

    JsonNode plain = run(Map.of(), event).get(0).path("error");
    Files.delete(dir.resolve("audit.jsonl"));
    JsonNode traced = run(Map.of("stack-traces", true), event).get(0).path("error");

    assertThat(plain.toString()).isEqualTo("{\"class\":\"java.lang.IllegalStateException\",\"message\":\"out of stock\"}");
    assertThat(traced.path("stackTrace")).isNotEmpty();
    assertThat(traced.path("stackTrace").get(0).asText()).contains("AuditLogPluginTest");
  }

  @Test
  void redactsNamedFieldsComponentsAndKeysAtAnyDepth() throws IOException {
    Map<String, Object> request = Map.of("user", Map.of("Password", "hunter2", "name", "alice"),
        "payment", List.of(new Card("4111111111111111", "Alice")));

    JsonNode line = run(Map.of("redact", List.of("password", "token", "cardNumber")),
        TestEvents.after("account", "create", new Account(), request)).get(0);

    assertThat(line.toString()).doesNotContain("hunter2", "tok-123", "4111111111111111");
    assertThat(line.at("/args/0/user/Password").asText()).isEqualTo("***");
    assertThat(line.at("/args/0/user/name").asText()).isEqualTo("alice");
    assertThat(line.at("/args/0/payment/0/cardNumber").asText()).isEqualTo("***");
    assertThat(line.at("/result/token").asText()).isEqualTo("***");
    assertThat(line.at("/result/card/cardNumber").asText()).isEqualTo("***");
    assertThat(line.at("/result/card/holder").asText()).isEqualTo("Alice");
  }

  @Test
  void writesNoToStringOfAnObjectWithoutPropertiesWhenRedacting() throws IOException {
    Event event = TestEvents.before("payment", "update", new OpaqueCard());

    JsonNode redacting = run(Map.of("redact", List.of("cvv")), event).get(0).at("/args/0");
    Files.delete(dir.resolve("audit.jsonl"));
    JsonNode plain = run(Map.of(), event).get(0).at("/args/0");

    assertThat(redacting.toString()).doesNotContain("4111111111111111", "123");
    assertThat(redacting.path("$summary").asText()).isEqualTo(OpaqueCard.class.getName());
    assertThat(redacting.has("text")).isFalse();
    assertThat(plain.path("text").asText()).isEqualTo("OpaqueCard(cardNumber=4111111111111111, cvv=123)");
  }

  @Test
  void redactsArgumentsByPositionAndResultsByEventPattern() throws IOException {
    // plain values: no name for redact to match
    Map<String, Object> config = Map.of("redact-args", Map.of("payment.*.process", List.of(0L, 2L)),
        "redact-result", "payment.after.*");

    List<JsonNode> lines = run(config,
        TestEvents.before("payment", "process", "4111111111111111", 30, "123"),
        TestEvents.after("payment", "process", "tok_live_SECRET", "4111111111111111", 30, "123"),
        TestEvents.before("order", "process", "4111111111111111", 30, "123"));

    assertThat(lines.get(0).path("args").toString()).isEqualTo("[\"***\",30,\"***\"]");
    assertThat(lines.get(1).path("args").toString()).isEqualTo("[\"***\",30,\"***\"]");
    assertThat(lines.get(1).path("result").asText()).isEqualTo("***");
    assertThat(lines.get(2).path("args").toString()).as("another entity").contains("4111111111111111");
    assertThatThrownBy(() -> AuditSettings.from(Map.of("redact-args", Map.of("payment.*", List.of(0L))), dir))
        .hasMessageContaining("redact-args must be event patterns as keys");
    assertThatThrownBy(() -> AuditSettings.from(Map.of("redact-args", Map.of("payment.*.*", List.of("first"))), dir))
        .hasMessageContaining("redact-args must be argument positions from 0");
  }

  @Test
  void honoursTheApplicationsJsonIgnoreByName() throws Exception {
    Object session = applicationClass(Session.class).getConstructor().newInstance();
    assertThat(session.getClass().getAnnotation(JsonIgnore.class)).isNull(); // so not seen by the plugin's Jackson

    JsonNode args = run(Map.of(), TestEvents.before("account", "login", new Login("alice", "hunter2"), session))
        .get(0).path("args");

    assertThat(args.toString()).doesNotContain("hunter2", "tok-123");
    assertThat(args.get(0).toString()).isEqualTo("{\"user\":\"alice\"}");
    assertThat(args.get(1).fieldNames()).toIterable().containsExactlyInAnyOrder("user", "client");
  }

  @Test
  void doesNotKeepAnApplicationsClassLoaderOnceItsEventsAreWritten() throws Exception {
    // an undeployed web application: an event with its bean is written, then the application lets
    // go of its loader; nothing of the plugin may keep it (Jackson's type cache did)
    WeakReference<ClassLoader> loader = writeAnEventOfAnApplicationOfItsOwn();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (loader.get() != null && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(20);
    }

    assertThat(loader.get()).as("the application's class loader, after the plugin read its bean").isNull();
  }

  private WeakReference<ClassLoader> writeAnEventOfAnApplicationOfItsOwn() throws Exception {
    Class<?> session = applicationClass(Session.class);
    Object bean = session.getConstructor().newInstance();
    JsonNode result = run(Map.of(), TestEvents.builder("session", Phase.AFTER, "create").result(bean).build())
        .get(0).path("result");
    assertThat(result.fieldNames()).toIterable().contains("user");
    return new WeakReference<>(session.getClassLoader());
  }

  /**
   * {@code type} loaded again, as the agent sees an application's class: by a class loader of its
   * own that has its own jackson-annotations, so that its {@code @JsonIgnore} is another class than
   * the one the plugin's Jackson knows.
   */
  private static Class<?> applicationClass(Class<?> type) throws Exception {
    URL[] path = {type.getProtectionDomain().getCodeSource().getLocation(),
        JsonIgnore.class.getProtectionDomain().getCodeSource().getLocation()};
    return Class.forName(type.getName(), true, new URLClassLoader(path, ClassLoader.getPlatformClassLoader()));
  }

  @Test
  void summarisesWhatItMustNotOrCannotSerialize() throws IOException {
    Map<String, Object> odd = OddValues.values();
    String[] names = {"list containing itself", "object graph with a cycle", "huge list", "input stream",
        "unconnected socket", "stream", "lazy proxy", "hostile object", "thread", "not a number", "deeply nested lists"};
    Object[] args = new Object[names.length];
    for (int i = 0; i < names.length; i++) {
      args[i] = odd.get(names[i]);
    }

    JsonNode a = run(Map.of(), TestEvents.before("order", "create", args)).get(0).path("args");

    assertThat(a.at("/0/1/reason").asText()).isEqualTo("cycle");
    assertThat(a.at("/1/next/next/reason").asText()).isEqualTo("cycle");
    assertThat(a.at("/2/reason").asText()).isEqualTo("200000 elements, more than 1000");
    assertThat(a.at("/2/size").asInt()).isEqualTo(200_000);
    assertThat(a.at("/3/reason").asText()).isEqualTo("InputStream");
    assertThat(a.at("/4/reason").asText()).isEqualTo("Socket");
    assertThat(a.at("/5/reason").asText()).isEqualTo("BaseStream");
    assertThat(a.at("/6/reason").asText()).isEqualTo("proxy");
    assertThat(a.at("/7/secret/reason").asText()).isEqualTo("property 'secret' threw UnsupportedOperationException");
    assertThat(a.at("/8/reason").asText()).isEqualTo("Thread");
    assertThat(a.at("/9").asText()).isEqualTo("NaN");
    assertThat(a.at("/10" + "/0".repeat(10) + "/reason").asText()).isEqualTo("deeper than 10");
  }

  @Test
  void cutsLongStringsToMaxValueLength() throws IOException {
    JsonNode line = run(Map.of("max-value-length", 10L), TestEvents.before("order", "create", "x".repeat(50))).get(0);

    assertThat(line.at("/args/0").asText()).isEqualTo("xxxxxxxxxx…(40 more)");
  }

  @Test
  void readsANumberWrittenInQuotesAsTheNumber() throws IOException {
    // "${LENGTH:-10}" inside { } must be quoted, which makes it text
    JsonNode line = run(Map.of("max-value-length", "10"), TestEvents.before("order", "create", "x".repeat(50))).get(0);

    assertThat(line.at("/args/0").asText()).isEqualTo("xxxxxxxxxx…(40 more)");
  }

  @Test
  void writesOnlyMatchingEventsAndEachOnce() throws IOException {
    List<JsonNode> lines = run(Map.of("events", List.of("order.*.*", "*.failed.*")),
        TestEvents.failed("order", "create", new RuntimeException()),
        TestEvents.before("payment", "process"),
        TestEvents.failed("payment", "process", new RuntimeException()));

    assertThat(lines).extracting(line -> line.path("name").asText())
        .containsExactly("order.failed.create", "payment.failed.process");
  }

  @Test
  void rotatesBySizeKeepingMaxFiles() throws IOException {
    Event[] events = new Event[60];
    for (int i = 0; i < events.length; i++) {
      events[i] = TestEvents.before("order", "create", "event-" + i);
    }

    List<JsonNode> current = run(Map.of("max-file-size", 2000L, "max-files", 2L), events);

    assertThat(dir.resolve("audit.jsonl.1")).exists().satisfies(f -> assertThat(Files.size(f)).isLessThanOrEqualTo(2000));
    assertThat(dir.resolve("audit.jsonl.2")).exists();
    assertThat(dir.resolve("audit.jsonl.3")).doesNotExist();
    assertThat(Files.size(dir.resolve("audit.jsonl"))).isLessThanOrEqualTo(2000);
    assertThat(current.get(current.size() - 1).at("/args/0").asText()).isEqualTo("event-59");
    List<JsonNode> older = read(dir.resolve("audit.jsonl.1"));
    assertThat(older.get(older.size() - 1).at("/args/0").asText()).isEqualTo("event-" + (59 - current.size()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "interval", "always", "ALWAYS"})
  void acceptsEveryFsyncMode(String fsync) throws IOException {
    List<JsonNode> lines = run(Map.of("fsync", fsync, "fsync-interval", "5ms"),
        TestEvents.before("order", "create"), TestEvents.after("order", "create", 1));

    assertThat(lines).hasSize(2);
  }

  @Test
  void refusesBadSettingsNamingTheKey() {
    assertThatThrownBy(() -> AuditSettings.from(Map.of("fsync", "sometimes"), dir))
        .hasMessageContaining("fsync must be none, interval or always");
    assertThatThrownBy(() -> AuditSettings.from(Map.of("redcat", List.of("password")), dir))
        .hasMessageContaining("unknown setting 'redcat'");
    assertThatThrownBy(() -> AuditSettings.from(Map.of("max-file-size", "lots"), dir))
        .hasMessageContaining("max-file-size must be");
    assertThat(AuditSettings.from(Map.of("max-file-size", "2MB"), dir).maxFileSize()).isEqualTo(2L << 20);
  }

  @Test
  void namesEveryBadSettingInOneMessage() {
    Map<String, Object> config = Map.of("fsync", "sometimes", "max-items", 0L, "redcat", List.of("password"));

    assertThatThrownBy(() -> AuditSettings.from(config, dir)).hasMessage("audit-log: unknown setting 'redcat' (known: "
        + "[events, file, fsync, fsync-interval, max-depth, max-file-size, max-files, max-items, max-value-length, "
        + "redact, redact-args, redact-result, stack-traces]); max-items must be a positive whole number; "
        + "fsync must be none, interval or always, was 'sometimes'");
  }
}
