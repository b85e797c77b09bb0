package dev.herald.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * {@code log.format: json}: one JSON object per message, from the start-up writer and from Logback
 * alike. Lines are decoded with Jackson, which refuses what JSON refuses, and checked raw for what a
 * terminal would act on.
 */
class JsonLogTest {

  private static final String ISO_UTC = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

  @TempDir Path dir;
  private final List<LogSwitch> switches = new ArrayList<>();

  @AfterEach
  void stopLogback() {
    switches.forEach(LogSwitch::shutdown);
  }

  @Test
  void writesOneJsonObjectPerMessageBeforeAndAfterTheSwitch() throws IOException {
    LogSwitch log = logSwitch("info", null);
    Path file = dir.resolve("agent.log");
    log.configure(null, "json", file);
    Logger logger = log.logger("herald.Test");
    long before = System.currentTimeMillis();

    logger.info("early {} of {}", 1, 2);
    logger.warn("early warning");
    log.setUpLogback();
    logger.info("late {}", "one");
    long after = System.currentTimeMillis();

    List<Map<String, Object>> objects = objects(file);
    assertThat(objects).hasSize(3).allSatisfy(object -> {
      assertThat(object).containsOnlyKeys("time", "level", "logger", "message").containsEntry("logger", "herald.Test");
      assertThat((String) object.get("time")).matches(ISO_UTC);
      assertThat(Instant.parse((String) object.get("time")).toEpochMilli()).isBetween(before, after);
    });
    assertThat(objects).extracting(object -> object.get("level") + " " + object.get("message"))
        .containsExactly("INFO early 1 of 2", "WARN early warning", "INFO late one");
  }

  @Test
  void aHostileMessageIsEscapedIntoOneLineAndReadsBackAsWritten() throws IOException {
    LogSwitch log = logSwitch("info", "json");
    Path file = dir.resolve("agent.log");
    log.configure(null, null, file);
    Logger logger = log.logger("herald.Test");
    String hostile = "com.acme.Evil\"}\n{\"level\":\"ERROR\"\r\u001b[2J\u0085\\end\tx \u202egnp.exe\u2066 \u2028 \u200f\u061c";

    logger.warn("no class named {}", hostile);
    log.setUpLogback();
    logger.warn("no class named {}", hostile);

    List<String> lines = lines(file);
    assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line).contains("\"message\":\"no class named"
        + " com.acme.Evil\\\"}\\n{\\\"level\\\":\\\"ERROR\\\"\\r\\u001b[2J\\u0085\\\\end\\tx \\u202egnp.exe\\u2066"
        + " \\u2028 \\u200f\\u061c\""));
    assertThat(objects(file)).extracting(object -> object.get("message"))
        .containsOnly("no class named " + hostile);
  }

  @Test
  void anErrorWithACauseIsOneStringOfTheWholeTraceBeforeAndAfterTheSwitch() throws IOException {
    LogSwitch log = logSwitch("info", "json");
    Path file = dir.resolve("agent.log");
    log.configure(null, null, file);
    Logger logger = log.logger("herald.Test");
    Exception error = new IllegalStateException("read-only\n\"forged\"",
        new RuntimeException("cause\r\nline"));

    logger.warn("early", error);
    log.setUpLogback();
    logger.warn("late {}", "one", error);

    List<Map<String, Object>> objects = objects(file);
    assertThat(objects).hasSize(2).allSatisfy(object -> {
      String trace = (String) object.get("error");
      // as the text form writes it: the messages' line breaks escaped, the frames' kept
      assertThat(trace).startsWith("java.lang.IllegalStateException: read-only\\n\"forged\"" + System.lineSeparator()
          + "\tat dev.herald.agent.log.JsonLogTest.anErrorWithACauseIsOneStringOfTheWholeTrace")
          .contains(System.lineSeparator() + "Caused by: java.lang.RuntimeException: cause\\r\\nline"
              + System.lineSeparator() + "\t")
          .doesNotEndWith(System.lineSeparator());
    });
    assertThat(objects).extracting(object -> object.get("message")).containsExactly("early", "late one");
  }

  @Test
  void aListenersErrorMessageStaysHiddenUnlessAtDebug() throws IOException {
    LogSwitch log = logSwitch("info", "json");
    Path file = dir.resolve("agent.log");
    log.configure(null, null, file);
    IllegalStateException error = new IllegalStateException("bad card 4111111111111111",
        new NumberFormatException("For input string: \"4111111111111111\""));

    new RateLimitedLog(log.logger("herald.Test"), 60_000, true).record("early listener threw", error);
    log.setUpLogback();
    new RateLimitedLog(log.logger("herald.Test"), 60_000, true).record("late listener threw", error);
    log.configure("debug", null, dir.resolve("debug.log"));
    new RateLimitedLog(log.logger("herald.Test"), 60_000, true).record("at debug", error);

    assertThat(Files.readString(file)).doesNotContain("4111111111111111");
    assertThat(objects(file)).hasSize(2).allSatisfy(object -> assertThat((String) object.get("error"))
        .startsWith("dev.herald.agent.log.MessageHidden: java.lang.IllegalStateException, its message not shown")
        .contains("Caused by: dev.herald.agent.log.MessageHidden: java.lang.NumberFormatException"));
    assertThat((String) objects(dir.resolve("debug.log")).get(0).get("error"))
        .startsWith("java.lang.IllegalStateException: bad card 4111111111111111");
  }

  @Test
  void theFormatSwitchesAtReconfigureAndALeftOutOneGoesBackToTheStartFormat() throws IOException {
    LogSwitch log = logSwitch("info", "JSON");
    Path file = dir.resolve("agent.log");
    Logger logger = log.logger("herald.Test");

    log.configure(null, null, file);
    logger.info("early, json from the start");
    log.configure(null, "text", file);
    logger.info("early, text from the config");
    log.reconfigure(null, null, file);
    logger.info("early, json again");
    log.setUpLogback();
    logger.info("late, json");
    log.configure(null, "text", file);
    logger.info("late, text from the config");
    log.reconfigure(null, null, file);
    logger.info("late, json again");

    List<String> lines = lines(file);
    assertThat(lines).hasSize(6);
    assertThat(lines).filteredOn(line -> line.startsWith("{\"time\":\""))
        .extracting(line -> line.substring(line.indexOf("\"message\":")))
        .containsExactly("\"message\":\"early, json from the start\"}", "\"message\":\"early, json again\"}",
            "\"message\":\"late, json\"}", "\"message\":\"late, json again\"}");
    assertThat(lines.get(1)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[herald\\] INFO  early, text from the config");
    assertThat(lines.get(4)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[herald\\] INFO  late, text from the config");
  }

  @Test
  void aStartFormatThatIsNeitherIsToldAndTextIsWritten() {
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(captured, true, Charset.defaultCharset()));
      LogSwitch log = logSwitch("info", "yaml");
      log.logger("herald.Test").info("after it");
    } finally {
      System.setErr(stderr);
    }

    assertThat(captured.toString(Charset.defaultCharset()).lines()).satisfiesExactly(
        warn -> assertThat(warn).endsWith("[herald] WARN  -Dherald.log.format='yaml' is not a log format (text or"
            + " json); the agent logs text"),
        info -> assertThat(info).endsWith("[herald] INFO  after it"));
  }

  @Test
  void jsonWithAFileThatCannotBeOpenedIsWrittenWhereTheLinesGoOn() throws IOException {
    Path blocker = Files.writeString(dir.resolve("blocker"), "a file, so no folder can be made here");
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(captured, true, Charset.defaultCharset()));
      LogSwitch log = logSwitch("info", null);
      log.setUpLogback();
      log.configure(null, "json", blocker.resolve("herald.log"));
      log.logger("herald.Test").info("after the reload");
    } finally {
      System.setErr(stderr);
    }

    List<String> lines = captured.toString(Charset.defaultCharset()).lines().toList();
    assertThat(lines).as("the WARN, then the line, both json on standard error").hasSize(2)
        .allSatisfy(line -> assertThat(line).startsWith("{\"time\":\""));
    assertThat(lines.get(0)).contains("cannot write the agent's log to");
    assertThat(lines.get(1)).endsWith("\"message\":\"after the reload\"}");
  }

  @Test
  void aFormatChangeForALogFileThatCannotBeOpenedAgainGoesOnToStandardError() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("logs"));
    Path file = folder.resolve("herald.log");
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      LogSwitch log = logSwitch("info", null);
      log.setUpLogback();
      log.configure(null, "text", file);
      log.logger("herald.Test").info("to the file");
      Files.delete(file);
      Files.delete(folder);
      Files.writeString(folder, "a file where the folder was: the log cannot be opened again");
      System.setErr(new PrintStream(captured, true, Charset.defaultCharset()));

      log.configure(null, "json", file); // a reload that changes the format only
      log.logger("herald.Test").info("after the reload");
    } finally {
      System.setErr(stderr);
    }

    List<String> lines = captured.toString(Charset.defaultCharset()).lines().toList();
    assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{\"time\":\""));
    assertThat(lines.get(0)).contains("cannot write the agent's log to").contains("it goes on on standard error");
    assertThat(lines.get(1)).endsWith("\"message\":\"after the reload\"}");
  }

  @Test
  void writesTheTimeInUtcAsIso8601WithMilliseconds() {
    DateTimeFormatter iso = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    List<Long> times = new ArrayList<>(List.of(0L, -1L, 951_782_400_000L /* 2000-02-29 */,
        4_107_542_399_999L /* 2100-02-28T23:59:59.999 */, 4_107_542_400_000L, 1_795_960_200_123L));
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 10_000; i++) {
      times.add(random.nextLong(0, 253_402_300_799_999L)); // up to 9999-12-31
    }

    for (long millis : times) {
      StringBuilder written = new StringBuilder();
      JsonLine.appendTime(written, millis);
      assertThat(written.toString()).as("%d ms", millis).isEqualTo(iso.format(Instant.ofEpochMilli(millis)));
    }
  }

  private LogSwitch logSwitch(String level, String format) {
    LogSwitch log = new LogSwitch(level, format);
    switches.add(log);
    return log;
  }

  /** Each line decoded, after checking it holds nothing a JSON parser refuses or a terminal acts on. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> objects(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Map<String, Object>> objects = new ArrayList<>();
    for (String line : lines(file)) {
      assertThat(line).as("a JSON object").startsWith("{\"time\":\"").endsWith("}")
          .doesNotContainPattern("[\\x00-\\x1f\\x7f-\\x9f\\u2028-\\u202e\\u2066-\\u2069\\u200e\\u200f\\u061c]");
      objects.add(json.readValue(line, Map.class));
    }
    return objects;
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, Charset.defaultCharset());
  }
}
