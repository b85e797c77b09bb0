package dev.herald.examples.slack;

import dev.herald.api.Event;
import dev.herald.api.HeraldPlugin;
import dev.herald.api.PluginContext;
import java.time.Duration;
import java.util.Map;

/**
 * Posts a Slack message for each event a rule names; plugin name {@code "slack"}.
 *
 * <p>Settings: {@link SlackSettings}. The webhook URL is a secret: give it through the environment
 * ({@code webhook-url: "${SLACK_WEBHOOK_URL}"}, resolved by the agent); the plugin never logs its
 * path. Body: {@code {"channel": "#sales", "text": "..."}} ({@code channel} left out when the rule
 * has none).
 *
 * <p>Threading: listeners run on the bus's delivery threads and only render the text and offer it
 * to {@link SlackSender}'s bounded queue, so a slow or dead webhook never delays another
 * subscription. {@link #stop()} gives each message still queued one attempt, without retries,
 * within 2 seconds in all, then stops the sender: at exit the agent gives all plugins' stops what
 * the bus's drain left of {@code bus.shutdown-timeout} (5 s by default), at least 1 s, and no more.
 */
public final class SlackPlugin implements HeraldPlugin {

  private static final Duration DRAIN = Duration.ofSeconds(2);

  private final SlackSender.Pause pause;
  private volatile SlackSender sender;

  /** The plugin as the agent creates it. */
  public SlackPlugin() {
    this(duration -> Thread.sleep(duration.toMillis())); // the sender's own thread, between retries
  }

  /** For tests: waits between attempts through {@code pause}. */
  SlackPlugin(SlackSender.Pause pause) {
    this.pause = pause;
  }

  @Override
  public String name() {
    return "slack";
  }

  /** What {@code start} would refuse, for {@code java -jar herald-agent.jar check}: nothing is sent. */
  @Override
  public void checkSettings(Map<String, Object> settings) {
    SlackSettings.from(settings);
  }

  @Override
  public void start(PluginContext context) {
    SlackSettings settings = SlackSettings.from(context.config());
    SlackSender started = new SlackSender(settings, pause);
    started.start();
    sender = started;
    for (Rule rule : settings.rules()) {
      for (String pattern : rule.on()) {
        context.bus().on(pattern, event -> {
          if (pattern.equals(rule.firstMatch(event.name()))) {
            started.offer(body(rule, event, settings.maxValueLength())); // counted if dropped; told at stop
          }
        });
      }
    }
  }

  @Override
  public void stop() throws InterruptedException {
    SlackSender current = sender;
    if (current != null) {
      current.stop(DRAIN);
      SlackStatistics done = current.statistics();
      if (done.failed() + done.dropped() > 0) {
        // standard error, not the System.Logger: at JVM exit java.util.logging may have closed its handlers
        System.err.println("WARNING: slack: " + (done.failed() + done.dropped()) + " messages were not posted in"
            + " this run: " + done.failed() + " given up (webhook errors, or still queued when the plugin stopped), "
            + done.dropped() + " dropped (queue full); " + done.sent() + " sent");
      }
    }
  }

  /** The counters since start; all zero before. */
  public SlackStatistics statistics() {
    SlackSender current = sender;
    return current == null ? new SlackStatistics(0, 0, 0, 0, 0) : current.statistics();
  }

  /** For tests: waits until every queued message was sent or given up. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    SlackSender current = sender;
    return current == null || current.awaitIdle(timeout);
  }

  static String body(Rule rule, Event event, int maxValueLength) {
    StringBuilder json = new StringBuilder("{");
    if (rule.channel() != null) {
      json.append("\"channel\":").append(quote(rule.channel())).append(',');
    }
    return json.append("\"text\":").append(quote(rule.text().render(event, maxValueLength))).append('}').toString();
  }

  static String quote(String text) {
    StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (c < 0x20 || Character.isSurrogate(c)) {
            quoted.append(String.format("\\u%04x", (int) c)); // escaped surrogates keep even a lone one valid JSON
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }
}
