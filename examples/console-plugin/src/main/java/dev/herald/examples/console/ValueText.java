package dev.herald.examples.console;

import java.lang.reflect.Array;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders argument, result and error values as short text, safely.
 *
 * <p>Strings are quoted; collections, maps and arrays are walked element by element only as far as
 * the length limit allows, so a huge collection costs no more than a small one; a structure that
 * contains itself prints {@code (cycle)}. Other objects use their {@code toString()}, except
 * proxies and generated ({@code $$}) classes, whose {@code toString()} may load data or throw: they
 * print as {@code <ClassName>}. Whatever a {@code toString()} throws (a {@code StackOverflowError}
 * from a cyclic object graph too) becomes {@code <ClassName: toString threw X>}.
 *
 * <p>Control characters are shown as escapes ({@code \n}, {@code \r}, {@code \t}, otherwise
 * {@code \}{@code u001b}), as are the Unicode line separators and bidirectional overrides, so
 * that a value can neither start a line that looks like another event nor send escape sequences
 * to the terminal (clear the screen, set the window title, hide text); see {@link #printable}.
 *
 * <p>Stateless; never throws.
 */
final class ValueText {

  private static final int MAX_DEPTH = 4;

  private ValueText() {}

  /** At most {@code max} characters (plus an ellipsis) of {@code value}. */
  static String render(Object value, int max) {
    StringBuilder text = new StringBuilder();
    append(text, value, max, 0, Collections.newSetFromMap(new IdentityHashMap<>()));
    return cut(printable(text), max);
  }

  /** {@code SimpleClassName: message}, the message limited to {@code max} characters. */
  static String error(Throwable error, int max) {
    if (error == null) {
      return "(no error)";
    }
    String message;
    try {
      message = error.getMessage();
    } catch (Throwable t) {
      message = "<getMessage threw " + t.getClass().getSimpleName() + ">";
    }
    String name = errorClass(error);
    return message == null ? name : name + ": " + cut(printable(message), max);
  }

  /** The error's simple class name only, for when its message may carry argument values. */
  static String errorClass(Throwable error) {
    if (error == null) {
      return "(no error)";
    }
    String name = error.getClass().getSimpleName().isEmpty() ? error.getClass().getName() : error.getClass().getSimpleName();
    return printable(name).toString();
  }

  /**
   * {@code text} with each character that a terminal or a log reader would act on shown as an
   * escape: {@code \n}, {@code \r}, {@code \t}, and {@code \}{@code uXXXX} for the other C0 and
   * C1 control characters, DEL, U+2028/U+2029 and the bidirectional embeddings, overrides and
   * isolates. Other text, backslashes included, is left as it is.
   */
  static StringBuilder printable(CharSequence text) {
    StringBuilder shown = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        shown.append("\\n");
      } else if (c == '\r') {
        shown.append("\\r");
      } else if (c == '\t') {
        shown.append("\\t");
      } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
          || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')) {
        shown.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        shown.append(c);
      }
    }
    return shown;
  }

  private static void append(StringBuilder text, Object value, int max, int depth, Set<Object> path) {
    if (text.length() > max) {
      return;
    }
    if (value == null) {
      text.append("null");
    } else if (value instanceof CharSequence chars) {
      text.append('"').append(chars, 0, Math.min(chars.length(), max + 1)).append('"');
    } else if (value instanceof Number || value instanceof Boolean || value instanceof Character || value instanceof Enum<?>) {
      text.append(value);
    } else if (value instanceof Collection<?> || value instanceof Map<?, ?> || value.getClass().isArray()) {
      if (depth >= MAX_DEPTH) {
        text.append("…");
      } else if (!path.add(value)) {
        text.append("(cycle)");
      } else {
        int mark = text.length();
        try {
          container(text, value, max, depth, path);
        } catch (RuntimeException | StackOverflowError | LinkageError unreadable) {
          // a lazy collection outside its session, a list changed while it is read (values are read
          // after the call, on another thread): its type, and the rest of the text goes on
          text.setLength(mark);
          text.append('<').append(typeName(value)).append(": could not be read>");
        } finally {
          path.remove(value);
        }
      }
    } else if (value instanceof Optional<?> optional) {
      text.append("Optional[");
      append(text, optional.orElse(null), max, depth + 1, path);
      text.append(']');
    } else if (Proxy.isProxyClass(value.getClass()) || value.getClass().getName().contains("$$")) {
      text.append('<').append(typeName(value)).append('>');
    } else {
      text.append(safeToString(value, max));
    }
  }

  private static void container(StringBuilder text, Object value, int max, int depth, Set<Object> path) {
    if (value instanceof byte[] bytes) {
      text.append("byte[").append(bytes.length).append(']');
      return;
    }
    Iterable<?> items;
    int size;
    String open = "[";
    String close = "]";
    if (value instanceof Map<?, ?> map) {
      items = map.entrySet();
      size = map.size();
      open = "{";
      close = "}";
    } else if (value instanceof Collection<?> collection) {
      items = collection;
      size = collection.size();
    } else {
      size = Array.getLength(value);
      items = () -> java.util.stream.IntStream.range(0, size).mapToObj(i -> Array.get(value, i)).iterator();
    }
    text.append(open);
    int shown = 0;
    for (Object item : items) {
      if (text.length() > max) {
        text.append(", … (").append(size).append(" in all)");
        break;
      }
      text.append(shown++ == 0 ? "" : ", ");
      if (item instanceof Map.Entry<?, ?> entry) {
        append(text, entry.getKey(), max, depth + 1, path);
        text.append('=');
        append(text, entry.getValue(), max, depth + 1, path);
      } else {
        append(text, item, max, depth + 1, path);
      }
    }
    text.append(close);
  }

  private static String safeToString(Object value, int max) {
    try {
      String text = String.valueOf(value);
      return text.length() > max ? text.substring(0, max + 1) : text;
    } catch (Throwable t) { // a cyclic toString ends in StackOverflowError; it must not end the listener
      return "<" + typeName(value) + ": toString threw " + t.getClass().getSimpleName() + ">";
    }
  }

  private static String typeName(Object value) {
    Class<?> type = value.getClass();
    if (Proxy.isProxyClass(type) && type.getInterfaces().length > 0) {
      return "proxy " + type.getInterfaces()[0].getSimpleName();
    }
    return type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
  }

  private static String cut(StringBuilder text, int max) {
    return text.length() <= max ? text.toString() : text.substring(0, max - 1) + "…";
  }
}
