package dev.herald.it.reliability.app;

import java.util.HashMap;
import java.util.Map;

/** A scenario's {@code key=value} arguments. */
final class Options {

  private final Map<String, String> values = new HashMap<>();

  Options(String[] args, int from) {
    for (int i = from; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("expected key=value, got " + args[i]);
      }
      values.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
  }

  long number(String key, long fallback) {
    String value = values.get(key);
    return value == null ? fallback : Long.parseLong(value);
  }

  String text(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }
}
