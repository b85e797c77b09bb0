package dev.herald.agent.log;

/**
 * One message of the agent's log as one JSON object on one line, for {@code log.format: json}:
 * {@code {"time":"2026-11-29T13:50:00.123Z","level":"INFO","logger":"herald.HeraldAgent",
 * "message":"...","error":"..."}}, {@code error} only with a throwable. Both writers use it, the
 * start-up one and Logback's ({@link JsonLayout}), so that a collector sees one shape throughout.
 *
 * <p>Written by hand, without a JSON library: the agent ships no Jackson, and this runs in premain,
 * where every class loaded delays the application's start. Stateless; safe for concurrent use.
 */
final class JsonLine {

  /** The value of {@code log.format} and {@code -Dherald.log.format} that selects this form. */
  static final String JSON = "json";
  /** The default form: {@code 12:00:00.123 [herald] INFO  message}, a stack trace on the lines after. */
  static final String TEXT = "text";

  private static final long MILLIS_PER_DAY = 24 * 60 * 60 * 1000L;

  private JsonLine() {}

  /**
   * {@code "json"} or {@code "text"} for {@code name} in any case (blanks around it ignored); else
   * null.
   */
  static String format(String name) {
    if (name == null) {
      return null;
    }
    String trimmed = name.trim();
    return trimmed.equalsIgnoreCase(JSON) ? JSON : trimmed.equalsIgnoreCase(TEXT) ? TEXT : null;
  }

  /**
   * The line, ended by the platform's line separator.
   *
   * @param millis when, in milliseconds since the epoch; written in UTC
   * @param level the level's name as Logback prints it ({@code INFO})
   * @param logger the logger's name
   * @param message the formatted message; null is written as {@code null}, as the text form does
   * @param error the stack trace as the text form writes it (messages escaped, frames on lines of
   *     their own), or null for none: one JSON string, its line breaks {@code \n}
   */
  static String of(long millis, String level, String logger, String message, String error) {
    int size = 96 + (message == null ? 4 : message.length()) + (error == null ? 0 : error.length() + 16);
    StringBuilder line = new StringBuilder(size).append("{\"time\":\"");
    appendTime(line, millis);
    line.append("\",\"level\":");
    string(line, level);
    line.append(",\"logger\":");
    string(line, logger);
    line.append(",\"message\":");
    string(line, message == null ? "null" : message);
    if (error != null) {
      line.append(",\"error\":");
      string(line, stripLastLineBreak(error));
    }
    return line.append('}').append(System.lineSeparator()).toString();
  }

  /** {@code text} as a JSON string, quotes included. */
  static void string(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          // Beyond JSON's own rule (below U+0020), what the text form escapes too: DEL and C1 reach
          // a terminal, U+2028/2029 end a line for JavaScript and some viewers, and the bidi marks
          // make a raw line read otherwise than it is written.
          if (c < 0x20 || LogText.isControl(c)) {
            LogText.appendUnicodeEscape(out, c);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** A trace ends with a line break, which in one JSON value says nothing. */
  private static String stripLastLineBreak(String trace) {
    int end = trace.length();
    if (end > 0 && trace.charAt(end - 1) == '\n') {
      end--;
      if (end > 0 && trace.charAt(end - 1) == '\r') {
        end--;
      }
    }
    return trace.substring(0, end);
  }

  /**
   * {@code 2026-11-29T13:50:00.123Z}. By hand rather than with {@code java.time}: its formatter is
   * dozens of classes to load in premain for a line that may be the only one.
   */
  static void appendTime(StringBuilder out, long millis) {
    long days = Math.floorDiv(millis, MILLIS_PER_DAY);
    long ofDay = Math.floorMod(millis, MILLIS_PER_DAY);
    // days since 1970-01-01 to year, month, day in the proleptic Gregorian calendar, by 400-year
    // eras starting on March 1st (Howard Hinnant's civil_from_days)
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long shiftedMonth = (5 * dayOfYear + 2) / 153;
    long day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
    long month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    pad(out, year, 4).append('-');
    pad(out, month, 2).append('-');
    pad(out, day, 2).append('T');
    pad(out, ofDay / 3_600_000, 2).append(':');
    pad(out, ofDay / 60_000 % 60, 2).append(':');
    pad(out, ofDay / 1000 % 60, 2).append('.');
    pad(out, ofDay % 1000, 3).append('Z');
  }

  private static StringBuilder pad(StringBuilder out, long value, int width) {
    String digits = Long.toString(value);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(digits);
  }
}
