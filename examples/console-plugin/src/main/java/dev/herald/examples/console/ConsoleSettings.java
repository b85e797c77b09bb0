package dev.herald.examples.console;

import dev.herald.api.EventPattern;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The console plugin's settings, from {@code plugins.config.console}.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code events}</td><td>{@code "*.*.*"}</td><td>a pattern or a list of patterns</td></tr>
 *   <tr><td>{@code show-args}</td><td>true</td><td>print argument and result values and error messages</td></tr>
 *   <tr><td>{@code max-value-length}</td><td>120</td><td>longest rendering of one value</td></tr>
 * </table>
 *
 * @param events the patterns to print, checked, in order; never empty
 * @param showArgs whether argument and result values and error messages are printed
 * @param maxValueLength the longest rendering of one value, at least 8
 */
public record ConsoleSettings(List<String> events, boolean showArgs, int maxValueLength) {

  // sorted: Set.of iterates in an order that changes from one JVM run to the next
  private static final Set<String> KEYS = new TreeSet<>(List.of("events", "show-args", "max-value-length"));

  /** Checks and copies. */
  public ConsoleSettings {
    events = nonEmpty(List.copyOf(events));
    events.forEach(EventPattern::check);
    atLeast8(maxValueLength);
  }

  /**
   * Reads the settings map the agent hands over.
   *
   * @throws IllegalArgumentException naming every unknown key and every wrong value, in this order:
   *     unknown keys, {@code events}, {@code show-args}, {@code max-value-length}
   */
  public static ConsoleSettings from(Map<String, Object> config) {
    SettingsProblems problems = new SettingsProblems();
    for (String key : config.keySet()) {
      if (!KEYS.contains(key)) {
        problems.add("console: unknown setting '" + key + "' (known: " + KEYS + ")");
      }
    }
    List<String> events = problems.read(() -> nonEmpty(patterns(config.getOrDefault("events", "*.*.*"))));
    if (events != null) {
      events.forEach(pattern -> problems.read(() -> EventPattern.check(pattern)));
    }
    Boolean showArgs = problems.read(() -> bool(config.getOrDefault("show-args", Boolean.TRUE)));
    Integer maxValueLength =
        problems.read(() -> atLeast8((int) number(config.getOrDefault("max-value-length", 120L))));
    problems.throwIfAny();
    return new ConsoleSettings(events, showArgs, maxValueLength);
  }

  /** The first of {@link #events()} that {@code name} matches, or null. */
  String firstMatch(String name) {
    for (String pattern : events) {
      if (EventPattern.matches(pattern, name)) {
        return pattern;
      }
    }
    return null;
  }

  private static List<String> patterns(Object value) {
    if (value instanceof String pattern) {
      return List.of(pattern);
    }
    if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return list.stream().map(String.class::cast).toList();
    }
    throw new IllegalArgumentException("console: events must be a pattern or a list of patterns, was " + value);
  }

  private static List<String> nonEmpty(List<String> events) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("console: events must name at least one pattern");
    }
    return events;
  }

  private static int atLeast8(int maxValueLength) {
    if (maxValueLength < 8) {
      throw new IllegalArgumentException("console: max-value-length must be at least 8, was " + maxValueLength);
    }
    return maxValueLength;
  }

  // A value written in quotes, as "${VAR}" must be inside { }, arrives as text: read it as YAML would unquoted.
  private static boolean bool(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value instanceof String s ? s.trim() : "";
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new IllegalArgumentException("console: show-args must be true or false, was " + value);
  }

  private static long number(Object value) {
    Long n = value instanceof String text && text.trim().matches("[0-9]{1,10}") ? Long.valueOf(text.trim())
        : value instanceof Long whole ? whole : null;
    if (n != null && n <= Integer.MAX_VALUE) {
      return n;
    }
    throw new IllegalArgumentException("console: max-value-length must be a whole number, was " + value);
  }
}
