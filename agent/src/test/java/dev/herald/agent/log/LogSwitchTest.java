package dev.herald.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

class LogSwitchTest {

  private static final String TIME = "\\d\\d:\\d\\d:\\d\\d\\.\\d{3}";

  @TempDir Path dir;
  private final List<LogSwitch> switches = new ArrayList<>();

  @AfterEach
  void stopLogback() {
    switches.forEach(LogSwitch::shutdown);
  }

  @Test
  void writesLogbacksLineFormatBeforeAndAfterTheSwitch() throws IOException {
    LogSwitch log = logSwitch("info");
    Path file = dir.resolve("logs/agent.log");
    log.configure(null, null, file);
    Logger logger = log.logger("herald.Test");

    logger.info("early {} of {}", 1, 2);
    logger.warn("early warning");
    log.setUpLogback();
    logger.info("late {}", "one");

    assertThat(lines(file)).hasSize(3);
    assertThat(lines(file).get(0)).matches(TIME + " \\[herald\\] INFO  early 1 of 2");
    assertThat(lines(file).get(1)).matches(TIME + " \\[herald\\] WARN  early warning");
    assertThat(lines(file).get(2)).matches(TIME + " \\[herald\\] INFO  late one");
  }

  @Test
  void aMessageWithLineBreaksOrTerminalEscapesStaysOneLineBeforeAndAfterTheSwitch() throws IOException {
    LogSwitch log = logSwitch("info");
    Path file = dir.resolve("agent.log");
    log.configure(null, null, file);
    Logger logger = log.logger("herald.Test");
    String hostile = "com.acme.Evil\n10:00:00.000 [herald] INFO  forged\r\u001b[2J\u0085end\tx \u202egnp.exe\u2066";

    logger.warn("no class named {}", hostile);
    log.setUpLogback();
    logger.warn("no class named {}", hostile);

    String escaped = "com.acme.Evil\\n10:00:00.000 [herald] INFO  forged\\r\\u001b[2J\\u0085end\tx \\u202egnp.exe\\u2066";
    assertThat(lines(file)).hasSize(2).allSatisfy(line -> assertThat(line).endsWith("no class named " + escaped));
  }

  @Test
  void anErrorsMessageCannotForgeALineBeforeOrAfterTheSwitch() throws IOException {
    LogSwitch log = logSwitch("info");
    Path file = dir.resolve("agent.log");
    log.configure(null, null, file);
    Logger logger = log.logger("herald.Test");
    Exception error = new IllegalStateException("read-only\n12:00:00.000 [herald] INFO  forged",
        new RuntimeException("cause\r\n12:00:00.001 [herald] INFO  forged too"));

    logger.warn("early", error);
    log.setUpLogback();
    logger.warn("late", error);

    List<String> lines = lines(file);
    assertThat(lines).noneMatch(line -> line.startsWith("12:00:00.00"));
    assertThat(lines).filteredOn(line -> line.startsWith("java.lang.IllegalStateException: read-only\\n12:00"))
        .as("each trace's first line, escaped").hasSize(2);
    assertThat(lines).filteredOn(line -> line.startsWith("Caused by: java.lang.RuntimeException: cause\\r\\n12:00"))
        .hasSize(2);
    assertThat(lines).filteredOn(line -> line.startsWith("\tat dev.herald.agent.log.LogSwitchTest.")).as("frames")
        .hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void aListenersErrorIsLoggedWithItsFramesButNotItsMessageUnlessAtDebug() throws IOException {
    LogSwitch log = logSwitch("info");
    Path file = dir.resolve("agent.log");
    log.configure(null, null, file);
    log.setUpLogback();
    RateLimitedLog failures = new RateLimitedLog(log.logger("herald.Test"), 60_000, true);
    IllegalStateException error = new IllegalStateException("bad card 4111111111111111",
        new NumberFormatException("For input string: \"4111111111111111\""));

    failures.record("subscription 'x' (pattern *.*.*): the listener threw", error);
    failures.record("subscription 'x' (pattern *.*.*): the listener threw", error);
    log.configure("debug", null, null);
    log.configure(null, null, dir.resolve("debug.log"));
    new RateLimitedLog(log.logger("herald.Test"), 60_000, true).record("at debug", error);

    String text = Files.readString(file);
    assertThat(text).doesNotContain("4111111111111111")
        .contains("WARN  subscription 'x' (pattern *.*.*): the listener threw (further failures")
        .contains("java.lang.IllegalStateException, its message not shown")
        .contains("Caused by: dev.herald.agent.log.MessageHidden: java.lang.NumberFormatException")
        .contains("at dev.herald.agent.log.LogSwitchTest.aListenersErrorIsLoggedWithItsFramesButNotItsMessageUnlessAtDebug(");
    assertThat(Files.readString(dir.resolve("debug.log"))).contains("java.lang.IllegalStateException: bad card 4111111111111111");
  }

  @Test
  void aListenerMissingAJdkClassIsToldItsModuleAndTheFlagThatAddsIt() throws IOException {
    LogSwitch log = logSwitch("info");
    Path file = dir.resolve("agent.log");
    log.configure(null, null, file);
    log.setUpLogback();
    // not resolved by the JVM running the tests, as java.net.http is not for an application run with -m
    new RateLimitedLog(log.logger("herald.Test"), 60_000, true).record(
        "subscription 'slack:Rules' (pattern order.*.*): the listener threw",
        new NoClassDefFoundError("jdk/incubator/vector/IntVector"));

    assertThat(Files.readString(file)).contains("WARN  subscription 'slack:Rules' (pattern order.*.*): the listener"
        + " threw: java.lang.NoClassDefFoundError: jdk/incubator/vector/IntVector; the class is in the JDK module"
        + " jdk.incubator.vector, which this JVM did not resolve: add --add-modules jdk.incubator.vector to the java"
        + " command line (further failures are summarised at most once per 60 s)");
  }

  @Test
  void aLineLoggedByAnInterruptedThreadDoesNotEndTheEarlyLogFile() throws Exception {
    LogSwitch log = logSwitch("info");
    Path file = dir.resolve("agent.log");
    log.configure(null, null, file);
    Logger logger = log.logger("herald.Test");

    Thread interrupted = new Thread(() -> {
      Thread.currentThread().interrupt();
      logger.info("from an interrupted thread");
    });
    interrupted.start();
    interrupted.join();
    logger.info("after it");

    assertThat(lines(file)).hasSize(2);
    assertThat(lines(file).get(1)).endsWith("INFO  after it");
  }

  @Test
  void keepsTheLevelSetBeforeTheSwitchAfterIt() throws IOException {
    LogSwitch log = logSwitch("info");
    Path file = dir.resolve("agent.log");
    Logger logger = log.logger("herald.Test");
    log.configure("WARN", null, file);

    assertThat(logger.isInfoEnabled()).isFalse();
    assertThat(logger.isWarnEnabled()).isTrue();
    logger.info("dropped early");
    logger.error("kept early");
    log.setUpLogback();
    logger.info("dropped late");
    logger.warn("kept late");

    assertThat(logger.isInfoEnabled()).isFalse();
    assertThat(lines(file)).map(line -> line.substring(13))
        .containsExactly("[herald] ERROR kept early", "[herald] WARN  kept late");
  }

  @Test
  void writesAThrowableAfterItsLineAsLogbackDoes() throws IOException {
    LogSwitch log = logSwitch("info");
    Path file = dir.resolve("agent.log");
    log.configure(null, null, file);
    Logger logger = log.logger("herald.Test");

    // as in Logback, a last argument that is a Throwable is the line's throwable
    logger.error("failed: {}", "cause", new IllegalStateException("boom"));

    List<String> lines = lines(file);
    assertThat(lines.get(0)).endsWith("[herald] ERROR failed: cause");
    assertThat(lines.get(1)).isEqualTo("java.lang.IllegalStateException: boom");
    assertThat(lines.get(2)).startsWith("\tat ");
  }

  @Test
  void loseNothingAndKeepEachThreadsOrderAcrossTheSwitch() throws Exception {
    LogSwitch log = logSwitch("info");
    Path file = dir.resolve("agent.log");
    log.configure(null, null, file);
    int threads = 4;
    int lines = 300;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> writers = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Logger logger = log.logger("herald.Writer" + t);
      String name = "w" + t;
      Thread writer = new Thread(() -> {
        try {
          go.await();
          for (int i = 0; i < lines; i++) {
            logger.info("{} {}", name, i);
          }
        } catch (Throwable e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
      }, "writer-" + t);
      writer.start();
      writers.add(writer);
    }
    go.countDown();
    log.setUpLogback();
    for (Thread writer : writers) {
      writer.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(writer.isAlive()).as("%s finished within 30 s", writer.getName()).isFalse();
    }

    assertThat(failures).isEmpty();
    List<String> written = lines(file);
    assertThat(written).hasSize(threads * lines);
    for (int t = 0; t < threads; t++) {
      String prefix = "w" + t + " ";
      List<Integer> order = written.stream().map(line -> line.substring(line.indexOf("INFO  ") + 6))
          .filter(message -> message.startsWith(prefix))
          .map(message -> Integer.parseInt(message.substring(prefix.length()))).toList();
      assertThat(order).as("lines of w%d in order", t).isSorted().hasSize(lines);
    }
  }

  @Test
  void loggersMadeAfterTheSwitchWriteThroughLogback() throws IOException {
    LogSwitch log = logSwitch("debug");
    Path file = dir.resolve("agent.log");
    log.setUpLogback();
    log.configure(null, null, file);

    Logger late = log.logger("herald.Late");
    late.debug("through {}", "logback");

    assertThat(late.isDebugEnabled()).isTrue();
    assertThat(lines(file)).singleElement().asString().endsWith("[herald] DEBUG through logback");
  }

  @Test
  void anUnknownLevelNameKeepsTheLevel() {
    LogSwitch log = logSwitch("nonsense");
    Logger logger = log.logger("herald.Test");

    log.configure("loud", null, null);

    assertThat(logger.isInfoEnabled()).as("INFO, the default").isTrue();
    assertThat(logger.isDebugEnabled()).isFalse();
  }

  @Test
  void aReloadedConfigWithoutLevelOrFileGoesBackToTheStartLevelAndStandardError() throws IOException {
    LogSwitch log = logSwitch("debug");
    Path early = dir.resolve("early.log");
    Path late = dir.resolve("late.log");
    Logger logger = log.logger("herald.Test");

    log.configure("warn", null, early);
    logger.warn("early, to the file");
    log.reconfigure(null, null, null);
    assertThat(logger.isDebugEnabled()).as("the start level, early").isTrue();
    logger.warn("early, to standard error");

    log.setUpLogback();
    log.configure("error", null, late);
    logger.error("late, to the file");
    log.reconfigure(null, null, null);
    assertThat(logger.isDebugEnabled()).as("the start level, through Logback").isTrue();
    logger.error("late, to standard error");

    assertThat(lines(early)).singleElement().asString().endsWith("early, to the file");
    assertThat(lines(late)).singleElement().asString().endsWith("late, to the file");
  }

  private LogSwitch logSwitch(String level) {
    LogSwitch log = new LogSwitch(level, null);
    switches.add(log);
    return log;
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, Charset.defaultCharset());
  }
}
