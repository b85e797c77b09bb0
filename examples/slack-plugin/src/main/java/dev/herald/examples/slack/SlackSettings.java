package dev.herald.examples.slack;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Slack plugin's settings, from {@code plugins.config.slack}.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code webhook-url}</td><td>required</td><td>the incoming webhook; give it as {@code "${SLACK_WEBHOOK_URL}"}</td></tr>
 *   <tr><td>{@code rules}</td><td>required</td><td>list of {@code {on: [patterns], text: "...", channel: "#x"}}; channel optional</td></tr>
 *   <tr><td>{@code timeout}</td><td>{@code 10s}</td><td>connect and answer timeout per attempt</td></tr>
 *   <tr><td>{@code max-attempts}</td><td>4</td><td>attempts per message before giving up</td></tr>
 *   <tr><td>{@code backoff}</td><td>{@code 1s}</td><td>wait before the first retry; doubles, up to 30s</td></tr>
 *   <tr><td>{@code max-retry-after}</td><td>{@code 60s}</td><td>longest {@code Retry-After} honoured</td></tr>
 *   <tr><td>{@code queue-capacity}</td><td>1000</td><td>messages waiting to be sent; more are dropped and counted</td></tr>
 *   <tr><td>{@code max-value-length}</td><td>300</td><td>longest rendering of one placeholder, before escaping</td></tr>
 * </table>
 */
record SlackSettings(URI webhook, List<Rule> rules, Duration timeout, int maxAttempts, Duration backoff,
    Duration maxRetryAfter, int queueCapacity, int maxValueLength) {

  private static final Set<String> KEYS = new TreeSet<>(List.of("webhook-url", "rules", "timeout", "max-attempts",
      "backoff", "max-retry-after", "queue-capacity", "max-value-length"));
  private static final Set<String> RULE_KEYS = new TreeSet<>(List.of("on", "text", "channel"));

  /**
   * Reads the settings map the agent hands over.
   *
   * @throws IllegalArgumentException naming every unknown key and every wrong value, in this order:
   *     unknown keys, {@code webhook-url}, {@code rules} (each rule in turn), then the others in the
   *     table's order
   */
  static SlackSettings from(Map<String, Object> config) {
    SettingsProblems problems = new SettingsProblems();
    for (String key : config.keySet()) {
      if (!KEYS.contains(key)) {
        problems.add("slack: unknown setting '" + key + "' (known: " + KEYS + ")");
      }
    }
    URI webhook = null;
    if (!(config.get("webhook-url") instanceof String url) || url.isBlank()) {
      problems.add(
          "slack: webhook-url is required; keep the secret out of the file: webhook-url: \"${SLACK_WEBHOOK_URL}\"");
    } else {
      webhook = problems.read(() -> webhook(url));
    }
    List<Rule> rules = rules(config.get("rules"), problems);
    Duration timeout = problems.read(() -> duration(config.getOrDefault("timeout", "10s"), "timeout"));
    Integer maxAttempts = problems.read(() -> positive(config.getOrDefault("max-attempts", 4L), "max-attempts"));
    Duration backoff = problems.read(() -> duration(config.getOrDefault("backoff", "1s"), "backoff"));
    Duration maxRetryAfter =
        problems.read(() -> duration(config.getOrDefault("max-retry-after", "60s"), "max-retry-after"));
    Integer queueCapacity =
        problems.read(() -> positive(config.getOrDefault("queue-capacity", 1000L), "queue-capacity"));
    Integer maxValueLength =
        problems.read(() -> positive(config.getOrDefault("max-value-length", 300L), "max-value-length"));
    problems.throwIfAny();
    return new SlackSettings(
        webhook, rules, timeout, maxAttempts, backoff, maxRetryAfter, queueCapacity, maxValueLength);
  }

  /** The URL checked without ever quoting it: its path holds the secret token. */
  private static URI webhook(String url) {
    try {
      URI uri = new URI(url.trim());
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (java.net.URISyntaxException e) {
      // the message below, without the URL
    }
    throw new IllegalArgumentException("slack: webhook-url is not an http(s) URL with a host (value not shown: it holds a secret)");
  }

  /** The well-formed rules; what is wrong with the others is recorded in {@code problems}. */
  private static List<Rule> rules(Object value, SettingsProblems problems) {
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      problems.add("slack: rules must be a list of {on: [patterns], text: \"...\", channel: \"#x\"}");
      return List.of();
    }
    List<Rule> rules = new ArrayList<>();
    for (int number = 1; number <= list.size(); number++) {
      if (!(list.get(number - 1) instanceof Map<?, ?> rule) || !(rule.get("text") instanceof String text)) {
        problems.add("slack: rule " + number + " needs on and text");
        continue;
      }
      for (Object key : rule.keySet()) {
        // a misspelt channel would otherwise post to the webhook's default channel
        if (!RULE_KEYS.contains(key)) {
          problems.add("slack: rule " + number + ": unknown key '" + key + "' (known: " + RULE_KEYS + ")");
        }
      }
      Object on = rule.get("on");
      List<String> patterns = on instanceof String one ? List.of(one)
          : on instanceof List<?> many && many.stream().allMatch(String.class::isInstance)
              ? many.stream().map(String.class::cast).toList() : List.of();
      String channel = rule.get("channel") == null ? null : String.valueOf(rule.get("channel"));
      int at = number;
      Rule checked = problems.read(() -> {
        try {
          return new Rule(patterns, new Template(text), channel);
        } catch (IllegalArgumentException e) {
          // with every rule checked at once, say which rule a bad pattern or template is in
          String message = String.valueOf(e.getMessage());
          throw new IllegalArgumentException("slack: rule " + at + ": "
              + (message.startsWith("slack: ") ? message.substring("slack: ".length()) : message), e);
        }
      });
      if (checked != null) {
        rules.add(checked);
      }
    }
    return List.copyOf(rules);
  }

  // A value written in quotes, as "${VAR}" must be inside { }, arrives as text: read it as YAML would unquoted.
  private static int positive(Object value, String key) {
    Long n = value instanceof String text && text.trim().matches("[0-9]{1,10}") ? Long.valueOf(text.trim())
        : value instanceof Long whole ? whole : null;
    if (n != null && n > 0 && n <= Integer.MAX_VALUE) {
      return n.intValue();
    }
    throw new IllegalArgumentException("slack: " + key + " must be a positive whole number");
  }

  static Duration duration(Object value, String key) {
    if (value instanceof Long n && n >= 0) {
      return Duration.ofMillis(n);
    }
    String text = value instanceof String s ? s.trim() : "";
    try {
      if (text.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).trim()));
      }
      if (text.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1).trim()));
      }
    } catch (NumberFormatException e) {
      // the message below
    }
    throw new IllegalArgumentException("slack: " + key + " must be a duration such as 500ms or 10s");
  }
}
