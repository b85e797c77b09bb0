package dev.herald.agent.log;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Keeps each log line one line: a message carries text Herald does not control (a class or
 * plugin name, a path, a plugin's own message), and a line break or terminal escape in it would let
 * that text forge a log line of its own or rewrite the operator's terminal.
 */
final class LogText {

  private LogText() {}

  /**
   * {@code text} with line breaks written as {@code \n} / {@code \r} and other control characters
   * (C0 but the tab, DEL, C1, the Unicode line and paragraph separators, the bidirectional
   * embedding, override and isolate marks) as {@code \}{@code uXXXX}.
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
        appendUnicodeEscape(escaped, c);
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** {@code c} as {@code \}{@code uXXXX}, lower-case hex: the form both the text and the JSON log write. */
  static void appendUnicodeEscape(StringBuilder out, char c) {
    out.append("\\u").append(Character.forDigit(c >> 12, 16)).append(Character.forDigit(c >> 8 & 15, 16))
        .append(Character.forDigit(c >> 4 & 15, 16)).append(Character.forDigit(c & 15, 16));
  }

  private static int firstControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isControl(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code c} is written escaped: see {@link #escapeControls}; the JSON form escapes the same. */
  static boolean isControl(char c) {
    return c < 0x20 ? c != '\t' : c >= 0x7f && c < 0xa0 || c >= '\u2028' && c <= '\u202e' || isBidi(c);
  }

  /**
   * The invisible marks that reorder how the rest of a line is shown (the "Trojan Source" marks): a
   * value could make a line read, in a terminal or viewer, otherwise than it is written.
   */
  private static boolean isBidi(char c) {
    return c >= '\u2066' && c <= '\u2069' || c == '\u200e' || c == '\u200f' || c == '\u061c';
  }

  /** {@code %safeMsg}: the formatted message, escaped. */
  static final class SafeMessage extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
      return escapeControls(event.getFormattedMessage());
    }
  }

  /**
   * {@code %safeEx}: an error's stack trace as Logback writes it, with the line breaks and control
   * characters of its messages escaped (the frames' own line breaks stay): a message is foreign text.
   */
  static final class SafeThrowable extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
      return super.throwableProxyToString(new Escaped(proxy));
    }
  }

  /** A throwable's proxy whose class name and messages come escaped, its causes' too. */
  private static final class Escaped implements IThrowableProxy {
    private final IThrowableProxy proxy;

    Escaped(IThrowableProxy proxy) {
      this.proxy = proxy;
    }

    @Override
    public String getOverridingMessage() {
      return escapeControls(proxy.getOverridingMessage());
    }

    @Override
    public String getMessage() {
      return escapeControls(proxy.getMessage());
    }

    @Override
    public String getClassName() {
      return escapeControls(proxy.getClassName());
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
      return proxy.getStackTraceElementProxyArray();
    }

    @Override
    public int getCommonFrames() {
      return proxy.getCommonFrames();
    }

    @Override
    public IThrowableProxy getCause() {
      IThrowableProxy cause = proxy.getCause();
      return cause == null ? null : new Escaped(cause);
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
      IThrowableProxy[] suppressed = proxy.getSuppressed();
      if (suppressed == null) {
        return null;
      }
      IThrowableProxy[] escaped = new IThrowableProxy[suppressed.length];
      for (int i = 0; i < suppressed.length; i++) {
        escaped[i] = new Escaped(suppressed[i]);
      }
      return escaped;
    }

    @Override
    public boolean isCyclic() {
      return proxy.isCyclic();
    }
  }

  /**
   * {@code error}'s stack trace as {@link Throwable#printStackTrace()} writes it (without its
   * "... n more"), with its messages escaped: for the lines written before Logback is set up.
   */
  static String stackTrace(Throwable error) {
    StringBuilder out = new StringBuilder();
    append(out, error, "", Collections.newSetFromMap(new IdentityHashMap<>()), 0);
    return out.toString();
  }

  private static void append(StringBuilder out, Throwable error, String caption, Set<Throwable> seen, int depth) {
    String nl = System.lineSeparator();
    if (!seen.add(error)) {
      out.append(caption).append("[CIRCULAR REFERENCE: ").append(error.getClass().getName()).append(']').append(nl);
      return;
    }
    if (depth > 16) {
      out.append(caption).append(error.getClass().getName()).append(" (and further causes, not written)").append(nl);
      return;
    }
    String first;
    try {
      first = String.valueOf(error);
    } catch (RuntimeException | LinkageError unprintable) {
      first = error.getClass().getName() + " (that could not be printed)";
    }
    out.append(caption).append(escapeControls(first)).append(nl);
    for (StackTraceElement frame : error.getStackTrace()) {
      out.append("\tat ").append(escapeControls(String.valueOf(frame))).append(nl);
    }
    for (Throwable suppressed : error.getSuppressed()) {
      append(out, suppressed, "\tSuppressed: ", seen, depth + 1);
    }
    if (error.getCause() != null) {
      append(out, error.getCause(), "Caused by: ", seen, depth + 1);
    }
  }
}
