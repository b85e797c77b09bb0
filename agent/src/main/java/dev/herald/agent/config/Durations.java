package dev.herald.agent.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the config's durations: a whole number with a unit ms, s, m or h, or a bare 0. */
final class Durations {

  private static final Pattern DURATION = Pattern.compile("([0-9]{1,18})\\s*(ms|s|m|h)");

  private Durations() {}

  /** The duration, or null if {@code text} is not one (negative ones and fractions included). */
  static Duration parse(String text) {
    String trimmed = text.trim();
    if (trimmed.equals("0")) {
      return Duration.ZERO;
    }
    Matcher matcher = DURATION.matcher(trimmed);
    if (!matcher.matches()) {
      return null;
    }
    long amount = Long.parseLong(matcher.group(1));
    ChronoUnit unit = switch (matcher.group(2)) {
      case "ms" -> ChronoUnit.MILLIS;
      case "s" -> ChronoUnit.SECONDS;
      case "m" -> ChronoUnit.MINUTES;
      default -> ChronoUnit.HOURS;
    };
    try {
      Duration duration = Duration.of(amount, unit);
      // Durations beyond a long of nanoseconds break Thread and queue APIs later; refuse them here
      duration.toNanos();
      return duration;
    } catch (ArithmeticException tooLong) {
      return null;
    }
  }
}
