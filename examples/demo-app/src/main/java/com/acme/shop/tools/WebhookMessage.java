package com.acme.shop.tools;

import java.util.Map;

/**
 * What the stand-in shows of a Slack incoming-webhook payload: the channel and the text.
 *
 * @param channel the {@code channel} field, or null when the payload names none (Slack then posts
 *     to the webhook's default channel)
 * @param text the {@code text} field, never null (empty when absent)
 */
record WebhookMessage(String channel, String text) {

  /**
   * Reads a payload such as {@code {"channel":"#sales","text":"New order: 7 - 30.00"}}; other
   * fields are ignored.
   *
   * @throws IllegalArgumentException if it is not a JSON object, or channel or text is not a string
   */
  static WebhookMessage parse(String json) {
    Map<String, Object> payload = MiniJson.parseObject(json);
    Object channel = payload.get("channel");
    Object text = payload.getOrDefault("text", "");
    if (channel != null && !(channel instanceof String)) {
      throw new IllegalArgumentException("channel is not a string");
    }
    if (!(text instanceof String)) {
      throw new IllegalArgumentException("text is not a string");
    }
    return new WebhookMessage((String) channel, (String) text);
  }

  /**
   * The message as the channel would show it: {@code #sales  | New order: 7 - 30.00}, with the
   * lines of a multi-line text under one another.
   */
  String display() {
    String name = channel == null ? "(default)" : channel;
    String prefix = String.format("%-8s| ", name);
    return prefix + text.replace("\n", "\n" + " ".repeat(prefix.length() - 2) + "| ");
  }
}
