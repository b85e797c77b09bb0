package dev.herald.examples.audit;

import dev.herald.api.EventPattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The audit-log plugin's settings, from {@code plugins.config.audit-log}. Every key is optional.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code file}</td><td>{@code audit.jsonl}</td><td>the file, relative to the config file's folder</td></tr>
 *   <tr><td>{@code events}</td><td>{@code "*.*.*"}</td><td>a pattern or a list of patterns</td></tr>
 *   <tr><td>{@code redact}</td><td>none</td><td>map key, record component and bean property names ({@code getCardNo()}: {@code cardNo}, not the name of the field it returns) whose values become {@code "***"}, at any depth, ignoring case</td></tr>
 *   <tr><td>{@code redact-args}</td><td>none</td><td>event pattern to the arguments, by position from 0, written as {@code "***"} whatever they are: a plain {@code String cardNumber} has no name to redact by</td></tr>
 *   <tr><td>{@code redact-result}</td><td>none</td><td>a pattern or a list of patterns whose events' result is written as {@code "***"}</td></tr>
 *   <tr><td>{@code max-value-length}</td><td>1000</td><td>longest string written, in characters</td></tr>
 *   <tr><td>{@code max-items}</td><td>1000</td><td>larger collections, maps and arrays become a summary</td></tr>
 *   <tr><td>{@code max-depth}</td><td>10</td><td>deeper values become a summary</td></tr>
 *   <tr><td>{@code max-file-size}</td><td>{@code 10MB}</td><td>rotate when the file would grow past it; bytes, or KB/MB/GB</td></tr>
 *   <tr><td>{@code max-files}</td><td>5</td><td>rotated files kept: {@code audit.jsonl.1} (newest) to {@code .5}</td></tr>
 *   <tr><td>{@code fsync}</td><td>{@code none}</td><td>{@code none}, {@code interval} or {@code always}</td></tr>
 *   <tr><td>{@code fsync-interval}</td><td>{@code 1s}</td><td>with {@code interval}; ms, s or m</td></tr>
 *   <tr><td>{@code stack-traces}</td><td>false</td><td>write the error's stack trace</td></tr>
 * </table>
 */
record AuditSettings(
    Path file, List<String> events, Set<String> redact, Map<String, Set<Integer>> redactArgs, List<String> redactResult,
    int maxValueLength, int maxItems, int maxDepth, long maxFileSize, int maxFiles, Fsync fsync,
    Duration fsyncInterval, boolean stackTraces) {

  private static final Set<String> KEYS = new TreeSet<>(List.of("file", "events", "redact", "redact-args",
      "redact-result", "max-value-length", "max-items", "max-depth", "max-file-size", "max-files", "fsync",
      "fsync-interval", "stack-traces"));

  /** True if {@code event}'s argument at {@code index} is to be written as {@code "***"}. */
  boolean redactsArg(String eventName, int index) {
    for (Map.Entry<String, Set<Integer>> entry : redactArgs.entrySet()) {
      if (entry.getValue().contains(index) && EventPattern.matches(entry.getKey(), eventName)) {
        return true;
      }
    }
    return false;
  }

  /** True if {@code eventName}'s result is to be written as {@code "***"}. */
  boolean redactsResult(String eventName) {
    for (String pattern : redactResult) {
      if (EventPattern.matches(pattern, eventName)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads the settings map the agent hands over.
   *
   * @throws IllegalArgumentException naming every unknown key and every wrong value, in this order:
   *     unknown keys, {@code events}, {@code redact}, then the others in the table's order
   */
  static AuditSettings from(Map<String, Object> config, Path baseDirectory) {
    SettingsProblems problems = new SettingsProblems();
    for (String key : config.keySet()) {
      if (!KEYS.contains(key)) {
        problems.add("audit-log: unknown setting '" + key + "' (known: " + KEYS + ")");
      }
    }
    List<String> events = problems.read(() -> strings(config.getOrDefault("events", "*.*.*"), "events"));
    if (events != null) {
      events.forEach(pattern -> problems.read(() -> EventPattern.check(pattern)));
    }
    Set<String> redact = problems.read(() -> strings(config.getOrDefault("redact", List.of()), "redact").stream()
        .map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()));
    Map<String, Set<Integer>> redactArgs = problems.read(() -> argumentPositions(config.getOrDefault("redact-args", Map.of())));
    List<String> redactResult = problems.read(() -> strings(config.getOrDefault("redact-result", List.of()), "redact-result"));
    if (redactResult != null) {
      redactResult.forEach(pattern -> problems.read(() -> EventPattern.check(pattern)));
    }
    Path file = problems.read(() -> baseDirectory.resolve(string(config.getOrDefault("file", "audit.jsonl"), "file")));
    Integer maxValueLength =
        problems.read(() -> positive(config.getOrDefault("max-value-length", 1000L), "max-value-length"));
    Integer maxItems = problems.read(() -> positive(config.getOrDefault("max-items", 1000L), "max-items"));
    Integer maxDepth = problems.read(() -> positive(config.getOrDefault("max-depth", 10L), "max-depth"));
    Long maxFileSize = problems.read(() -> bytes(config.getOrDefault("max-file-size", "10MB")));
    Integer maxFiles = problems.read(() -> positive(config.getOrDefault("max-files", 5L), "max-files"));
    Fsync fsync = problems.read(() -> Fsync.parse(string(config.getOrDefault("fsync", "none"), "fsync")));
    Duration fsyncInterval = problems.read(() -> duration(config.getOrDefault("fsync-interval", "1s")));
    Boolean stackTraces = problems.read(() -> bool(config.getOrDefault("stack-traces", false), "stack-traces"));
    problems.throwIfAny();
    return new AuditSettings(file, events, redact, redactArgs, redactResult, maxValueLength, maxItems, maxDepth,
        maxFileSize, Math.max(0, maxFiles), fsync, fsyncInterval, stackTraces);
  }

  /** {@code {"payment.*.process": [0, 2]}}: event patterns to argument positions (from 0). */
  private static Map<String, Set<Integer>> argumentPositions(Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      return bad("redact-args", "a map of event patterns to lists of argument positions, e.g. {\"payment.*.process\": [0, 1]}");
    }
    Map<String, Set<Integer>> positions = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String pattern = String.valueOf(entry.getKey());
      try {
        EventPattern.check(pattern);
      } catch (IllegalArgumentException e) {
        return bad("redact-args", "event patterns as keys (" + e.getMessage() + ")");
      }
      List<?> list = entry.getValue() instanceof List<?> l ? l : entry.getValue() == null ? null : List.of(entry.getValue());
      Set<Integer> indexes = new TreeSet<>();
      for (Object index : list == null ? List.of() : list) {
        if (!(index instanceof Long n) || n < 0 || n > 254) { // a JVM method has at most 255 parameters
          return bad("redact-args", "argument positions from 0, as whole numbers, for '" + pattern + "'");
        }
        indexes.add(n.intValue());
      }
      if (indexes.isEmpty()) {
        return bad("redact-args", "at least one argument position for '" + pattern + "'");
      }
      positions.put(pattern, Set.copyOf(indexes));
    }
    return Map.copyOf(positions);
  }

  private static String string(Object value, String key) {
    return value instanceof String s && !s.isBlank() ? s : bad(key, "a non-empty string");
  }

  private static List<String> strings(Object value, String key) {
    if (value instanceof String s) {
      return List.of(s);
    }
    if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return list.stream().map(String.class::cast).toList();
    }
    return bad(key, "a string or a list of strings");
  }

  // A value written in quotes, as "${VAR}" must be inside { }, arrives as text: read it as YAML would unquoted.
  private static int positive(Object value, String key) {
    Long n = value instanceof String text && text.trim().matches("[0-9]{1,10}") ? Long.valueOf(text.trim())
        : value instanceof Long whole ? whole : null;
    return n != null && n > 0 && n <= Integer.MAX_VALUE ? n.intValue() : bad(key, "a positive whole number");
  }

  private static boolean bool(Object value, String key) {
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value instanceof String s ? s.trim() : "";
    return text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false") ? Boolean.parseBoolean(text)
        : bad(key, "true or false");
  }

  static long bytes(Object value) {
    if (value instanceof Long n && n > 0) {
      return n;
    }
    String text = value instanceof String s ? s.trim().toUpperCase(Locale.ROOT) : "";
    long unit = text.endsWith("KB") ? 1L << 10 : text.endsWith("MB") ? 1L << 20 : text.endsWith("GB") ? 1L << 30 : 1;
    String digits = unit == 1 ? text.replaceFirst("B$", "") : text.substring(0, text.length() - 2);
    try {
      long n = Long.parseLong(digits.trim());
      if (n > 0) {
        return n * unit;
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    return bad("max-file-size", "a size such as 10MB, 512KB or 1048576");
  }

  static Duration duration(Object value) {
    if (value instanceof Long n && n > 0) {
      return Duration.ofMillis(n);
    }
    String text = value instanceof String s ? s.trim() : "";
    try {
      if (text.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).trim()));
      } else if (text.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1).trim()));
      } else if (text.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1).trim()));
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    return bad("fsync-interval", "a duration such as 500ms, 1s or 1m");
  }

  private static <T> T bad(String key, String expected) {
    throw new IllegalArgumentException("audit-log: " + key + " must be " + expected);
  }
}
