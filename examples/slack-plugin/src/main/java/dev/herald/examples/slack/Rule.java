package dev.herald.examples.slack;

import dev.herald.api.EventPattern;
import java.util.List;

/**
 * One {@code rules} entry: {@code {on: [patterns], text: "...", channel: "#sales"}}.
 *
 * @param on the patterns, checked, never empty
 * @param text the message template
 * @param channel the channel to post to, or null for the webhook's own channel
 */
record Rule(List<String> on, Template text, String channel) {

  Rule {
    on = List.copyOf(on);
    if (on.isEmpty()) {
      throw new IllegalArgumentException("slack: a rule's 'on' must name at least one pattern");
    }
    on.forEach(EventPattern::check);
  }

  /** The first of {@link #on()} that {@code name} matches, or null: an event matching two is posted once. */
  String firstMatch(String name) {
    return on.stream().filter(pattern -> EventPattern.matches(pattern, name)).findFirst().orElse(null);
  }
}
