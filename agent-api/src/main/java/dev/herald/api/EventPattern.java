package dev.herald.api;

import java.util.Objects;

/**
 * Event name patterns: three dot-separated segments, each a name or {@code *}, where {@code *}
 * matches one whole segment. The second segment, the phase, is {@code before}, {@code after},
 * {@code failed} or {@code *}.
 *
 * <p>Stateless and safe for concurrent use.
 */
public final class EventPattern {

  private EventPattern() {}

  /**
   * Checks that {@code pattern} is well formed and returns it.
   *
   * @throws IllegalArgumentException saying what is wrong, if it is not
   * @throws NullPointerException if it is null
   */
  public static String check(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    String[] segments = pattern.split("\\.", -1);
    if (segments.length != 3) {
      throw new IllegalArgumentException(
          "pattern '" + pattern + "' must have three segments, entity.phase.operation, e.g. order.*.*");
    }
    for (String segment : segments) {
      if (!segment.equals("*") && !EventBuilder.isSegment(segment)) {
        throw new IllegalArgumentException(
            "pattern '" + pattern + "': segment '" + segment
                + "' must be '*' or letters, digits, '_' and '-'");
      }
    }
    if (!segments[1].equals("*")) {
      Phase.fromId(segments[1]);
    }
    return pattern;
  }

  /**
   * True if {@code name} ({@code entity.phase.operation}) matches the well-formed {@code pattern}.
   */
  public static boolean matches(String pattern, String name) {
    String[] expected = pattern.split("\\.", -1);
    String[] actual = name.split("\\.", -1);
    if (expected.length != 3 || actual.length != 3) {
      return false;
    }
    for (int i = 0; i < 3; i++) {
      if (!expected[i].equals("*") && !expected[i].equals(actual[i])) {
        return false;
      }
    }
    return true;
  }
}
