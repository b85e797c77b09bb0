package dev.herald.examples.slack;

import java.lang.reflect.Array;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders a placeholder's value as short text, safely; adapted from the console plugin's class of
 * the same name (each example plugin is meant to be copied alone).
 *
 * <p>Text as {@code toString()} would give it, strings unquoted, but collections, maps and arrays
 * are walked element by element only as far as the length limit allows, so a list of millions of
 * elements costs no more than a short one; a structure that contains itself prints {@code (cycle)}.
 * Other objects use their {@code toString()}, except proxies and generated ({@code $$}) classes,
 * whose {@code toString()} may load data or throw: they print as {@code <ClassName>}, as does an
 * object whose {@code toString()} throws (a {@code StackOverflowError} from a cyclic object graph
 * too). Null is empty text. Nothing is escaped here: {@link Template} does it.
 *
 * <p>Stateless; never throws.
 */
final class ValueText {

  private static final int MAX_DEPTH = 4;

  private ValueText() {}

  /** At most {@code max} characters of {@code value}, the last an ellipsis if it was cut. */
  static String render(Object value, int max) {
    if (value == null) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    append(text, value, max, 0, Collections.newSetFromMap(new IdentityHashMap<>()));
    return text.length() <= max ? text.toString() : text.substring(0, max - 1) + "…";
  }

  private static void append(StringBuilder text, Object value, int max, int depth, Set<Object> path) {
    if (text.length() > max) {
      return;
    }
    if (value == null) {
      text.append("null");
    } else if (value instanceof CharSequence chars) {
      text.append(chars, 0, Math.min(chars.length(), max + 1));
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
    } catch (Throwable t) { // a cyclic toString ends in StackOverflowError; the message must still go out
      return "<" + typeName(value) + ">";
    }
  }

  private static String typeName(Object value) {
    Class<?> type = value.getClass();
    if (Proxy.isProxyClass(type) && type.getInterfaces().length > 0) {
      return "proxy " + type.getInterfaces()[0].getSimpleName();
    }
    return type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
  }
}
