package dev.herald.examples.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.api.Event;
import dev.herald.plugin.kit.TestBus;
import dev.herald.plugin.kit.TestEvents;
import dev.herald.plugin.kit.TestPluginContext;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Slack plugin against a local fake Slack: success, retries, Retry-After, timeouts, bad URLs, a full queue. */
class SlackPluginTest {

  record Order(long id, BigDecimal total) {}

  private final TestBus bus = new TestBus();
  private final List<Duration> pauses = new CopyOnWriteArrayList<>();
  private final SlackPlugin plugin = new SlackPlugin(pauses::add);
  private FakeSlack slack;

  @AfterEach
  void stop() throws Exception {
    if (slack != null) {
      slack.close(); // first: releases hanging requests, so stop() need not wait for them
    }
    plugin.stop();
    bus.closeAll();
    assertThat(bus.failures()).isEmpty();
  }

  private void start(String url, Map<String, Object> extra) {
    Map<String, Object> config = new HashMap<>(Map.of("webhook-url", url, "backoff", "250ms", "rules", List.of(
        Map.of("on", List.of("order.after.create"), "channel", "#sales", "text", "New order: {result.id} - {result.total}"),
        Map.of("on", "*.failed.*", "channel", "#alerts", "text", "{name} failed: {error.message}"))));
    config.putAll(extra);
    plugin.start(new TestPluginContext(bus, config, Path.of(".")));
  }

  private static Event order() {
    return TestEvents.after("order", "create", new Order(7, new BigDecimal("30.00")), "alice@example.com");
  }

  private SlackStatistics settled() throws InterruptedException {
    assertThat(plugin.awaitIdle(Duration.ofSeconds(30))).as("sender settled within 30s").isTrue();
    return plugin.statistics();
  }

  @Test
  void postsTheRenderedTextToTheRulesChannel() throws Exception {
    slack = new FakeSlack();
    start(slack.url(), Map.of());

    bus.publish(order());
    bus.publish(TestEvents.failed("payment", "process", new IllegalStateException("card \"declined\"")));
    bus.publish(TestEvents.before("order", "create"));

    assertThat(slack.nextBody()).isEqualTo("{\"channel\":\"#sales\",\"text\":\"New order: 7 - 30.00\"}");
    assertThat(slack.nextBody())
        .isEqualTo("{\"channel\":\"#alerts\",\"text\":\"payment.failed.process failed: card \\\"declined\\\"\"}");
    assertThat(settled()).isEqualTo(new SlackStatistics(2, 2, 0, 0, 0));
  }

  @Test
  void retriesAfterA500WithBackoff() throws Exception {
    slack = new FakeSlack(FakeSlack.Reply.status(500), FakeSlack.Reply.status(503));
    start(slack.url(), Map.of());

    bus.publish(order());

    assertThat(settled()).isEqualTo(new SlackStatistics(1, 1, 2, 0, 0));
    assertThat(slack.requests()).isEqualTo(3);
    assertThat(pauses).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
  }

  @Test
  void waitsAsLongAsRetryAfterSaysOn429() throws Exception {
    slack = new FakeSlack(new FakeSlack.Reply(429, "7", false));
    start(slack.url(), Map.of());

    bus.publish(order());

    assertThat(settled()).isEqualTo(new SlackStatistics(1, 1, 1, 0, 0));
    assertThat(pauses).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void givesUpAfterMaxAttemptsOnAWebhookThatHangs() throws Exception {
    slack = new FakeSlack(FakeSlack.HANG, FakeSlack.HANG);
    start(slack.url(), Map.of("timeout", "200ms", "max-attempts", 2L));

    bus.publish(order());

    assertThat(settled()).isEqualTo(new SlackStatistics(1, 0, 1, 1, 0));
  }

  @Test
  void readsANumberWrittenInQuotesAsTheNumber() throws Exception {
    slack = new FakeSlack(FakeSlack.HANG, FakeSlack.HANG, FakeSlack.HANG);
    start(slack.url(), Map.of("timeout", "200ms", "max-attempts", "2")); // as "${ATTEMPTS:-2}" in { } gives

    bus.publish(order());

    assertThat(settled()).isEqualTo(new SlackStatistics(1, 0, 1, 1, 0));
  }

  @Test
  void givesUpAtOnceOnAClientError() throws Exception {
    slack = new FakeSlack(FakeSlack.Reply.status(404));
    start(slack.url(), Map.of());

    bus.publish(order());

    assertThat(settled()).isEqualTo(new SlackStatistics(1, 0, 0, 1, 0));
  }

  @Test
  void countsAWebhookNobodyListensOnAsFailed() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    start("http://127.0.0.1:" + closedPort + "/services/T/B/SECRETTOKEN", Map.of("max-attempts", 2L));

    bus.publish(order());

    assertThat(settled()).isEqualTo(new SlackStatistics(1, 0, 1, 1, 0));
  }

  @Test
  void stoppingCutsAWaitBetweenRetriesShortAndCountsTheMessageAsFailed() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    CountDownLatch waiting = new CountDownLatch(1);
    SlackPlugin sleeping = new SlackPlugin(duration -> {
      waiting.countDown();
      Thread.sleep(duration.toMillis());
    });
    sleeping.start(new TestPluginContext(bus, Map.of(
        "webhook-url", "http://127.0.0.1:" + closedPort + "/services/T/B/SECRETTOKEN",
        "backoff", "3600s", "max-attempts", 4L,
        "rules", List.of(Map.of("on", "order.after.create", "text", "New order: {result.id}"))), Path.of(".")));
    bus.publish(order());
    assertThat(waiting.await(30, TimeUnit.SECONDS)).as("first attempt failed, retry pending").isTrue();

    sleeping.stop();

    // given up at stop, not retried after the hour's backoff nor lost to the interrupt
    assertThat(sleeping.statistics()).isEqualTo(new SlackStatistics(1, 0, 0, 1, 0));
  }

  @Test
  void refusesAMalformedUrlWithoutQuotingIt() {
    assertThatThrownBy(() -> start("htp:/hooks.slack.com/services/SECRETTOKEN", Map.of()))
        .hasMessageContaining("webhook-url is not an http(s) URL").hasMessageNotContaining("SECRETTOKEN");
    assertThatThrownBy(() -> SlackSettings.from(Map.of("rules", List.of())))
        .hasMessageContaining("webhook-url is required");
  }

  @Test
  void refusesAMisspeltKeyInARule() {
    assertThatThrownBy(() -> SlackSettings.from(Map.of("webhook-url", "https://hooks.example/x",
        "rules", List.of(Map.of("on", "order.*.*", "text", "t", "chanel", "#sales")))))
        .hasMessage("slack: rule 1: unknown key 'chanel' (known: [channel, on, text])");
  }

  @Test
  void namesTheRuleWhosePatternsAreWrong() {
    assertThatThrownBy(() -> SlackSettings.from(Map.of("webhook-url", "https://hooks.example/x", "rules", List.of(
            Map.of("on", "order.*.*", "text", "t"), Map.of("on", List.of(), "text", "t")))))
        .hasMessage("slack: rule 2: a rule's 'on' must name at least one pattern");
  }

  @Test
  void namesEveryBadSettingInOneMessage() {
    assertThatThrownBy(() -> SlackSettings.from(Map.of("webhook-url", "https://hooks.example/x", "timout", "5s",
        "max-attempts", 0L, "rules", List.of(
            Map.of("on", "order.*.*", "text", "t", "chanel", "#sales"), Map.of("on", "order.*.*")))))
        .hasMessage("slack: unknown setting 'timout' (known: [backoff, max-attempts, max-retry-after, "
            + "max-value-length, queue-capacity, rules, timeout, webhook-url]); "
            + "rule 1: unknown key 'chanel' (known: [channel, on, text]); rule 2 needs on and text; "
            + "max-attempts must be a positive whole number");
  }

  @Test
  void dropsAndCountsWhenTheQueueIsFullWithoutBlockingTheBus() throws Exception {
    slack = new FakeSlack(FakeSlack.HANG);
    start(slack.url(), Map.of("queue-capacity", 1L, "timeout", "10s", "max-attempts", 1L));

    bus.publish(order());
    slack.nextBody(); // the sender is now stuck on the hanging webhook
    for (int i = 0; i < 5; i++) {
      bus.publish(order());
    }

    SlackStatistics statistics = plugin.statistics();
    assertThat(statistics.queued()).isEqualTo(2);
    assertThat(statistics.dropped()).isEqualTo(4);
  }

  @Test
  void tellsOfTheFirstDropAtOnceAndOfLaterOnesAtMostOnceAMinute() throws Exception {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger("dev.herald.examples.slack");
    List<java.util.logging.LogRecord> records = new CopyOnWriteArrayList<>();
    java.util.logging.Handler handler = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(handler);
    try {
      slack = new FakeSlack(FakeSlack.HANG);
      start(slack.url(), Map.of("queue-capacity", 1L, "timeout", "10s", "max-attempts", 1L));

      bus.publish(order());
      slack.nextBody(); // the sender is now stuck on the hanging webhook
      for (int i = 0; i < 5; i++) {
        bus.publish(order());
      }

      assertThat(plugin.statistics().dropped()).isEqualTo(4);
      assertThat(records).hasSize(1);
      assertThat(records.get(0).getLevel()).isEqualTo(java.util.logging.Level.WARNING);
      assertThat(records.get(0).getMessage())
          .startsWith("slack: dropped 1 message since the last report, 1 in all: the queue of 1 (queue-capacity) was full")
          .contains("http://127.0.0.1:")
          .doesNotContain(slack.url().substring(slack.url().lastIndexOf('/')));
    } finally {
      logger.removeHandler(handler);
    }
  }

  @Test
  void escapesTheBodyAsJson() {
    assertThat(SlackPlugin.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
  }
}
