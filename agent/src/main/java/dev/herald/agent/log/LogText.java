package dev.herald.agent.log;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Keeps each log line one line: a message carries text Herald does not control (a class or
 * plugin name, a path, a plugin's own message), and a line break or terminal escape in it would let
 * that text forge a log line of its own or rewrite the operator's terminal.
 */
final class LogText {

  private LogText() {}

  /**
   * {@code text} with line breaks written as {@code \n} / {@code \r} and other control characters
   * (C0 but the tab, DEL, C1, the Unicode line and paragraph separators) as {@code \}{@code uXXXX}.
   */
  static String escapeControls(String text) {
    if (text == null) {
      return null;
    }
    int first = firstControl(text);
    if (first < 0) {
      return text;
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        escaped.append("\\n");
      } else if (c == '\r') {
        escaped.append("\\r");
      } else if (isControl(c)) {
        escaped.append("\\u").append(Character.forDigit(c >> 12, 16)).append(Character.forDigit(c >> 8 & 15, 16))
            .append(Character.forDigit(c >> 4 & 15, 16)).append(Character.forDigit(c & 15, 16));
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }

  private static int firstControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isControl(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isControl(char c) {
    return c < 0x20 ? c != '\t' : c >= 0x7f && c < 0xa0 || c == '\u2028' || c == '\u2029';
  }

  /** {@code %safeMsg}: the formatted message, escaped. */
  static final class SafeMessage extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
      return escapeControls(event.getFormattedMessage());
    }
  }
}
