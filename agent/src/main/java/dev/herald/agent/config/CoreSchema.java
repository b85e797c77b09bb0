package dev.herald.agent.config;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The YAML 1.2 core schema for plain scalars: null, booleans, integers (decimal, {@code 0o} octal,
 * {@code 0x} hex) and floats, everything else a string. Written out here rather than taken from
 * SnakeYAML's resolver so that the types Herald hands to plugins are fixed by this file.
 */
final class CoreSchema {

  private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
  private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern INFINITY = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
  private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");

  /** Returned by {@link #resolve} for an integer beyond 64 bits. */
  static final Object TOO_LARGE = new Object();

  private CoreSchema() {}

  static boolean isNull(String text) {
    return switch (text) {
      case "", "~", "null", "Null", "NULL" -> true;
      default -> false;
    };
  }

  /**
   * The value of a plain scalar: null, Boolean, Long, Double or String; {@link #TOO_LARGE} for an
   * integer that does not fit a long.
   */
  static Object resolve(String text) {
    if (isNull(text)) {
      return null;
    }
    switch (text) {
      case "true", "True", "TRUE" -> {
        return Boolean.TRUE;
      }
      case "false", "False", "FALSE" -> {
        return Boolean.FALSE;
      }
      default -> { }
    }
    if (DECIMAL.matcher(text).matches() || OCTAL.matcher(text).matches()
        || HEX.matcher(text).matches()) {
      Long value = parseInteger(text);
      return value == null ? TOO_LARGE : value;
    }
    if (FLOAT.matcher(text).matches()) {
      return Double.valueOf(text);
    }
    if (INFINITY.matcher(text).matches()) {
      return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (NAN.matcher(text).matches()) {
      return Double.NaN;
    }
    return text;
  }

  /** A core-schema integer that fits a long, or null. */
  static Long parseInteger(String text) {
    String digits = text.trim();
    int radix = 10;
    if (OCTAL.matcher(digits).matches()) {
      radix = 8;
      digits = digits.substring(2);
    } else if (HEX.matcher(digits).matches()) {
      radix = 16;
      digits = digits.substring(2);
    } else if (!DECIMAL.matcher(digits).matches()) {
      return null;
    }
    BigInteger value = new BigInteger(digits, radix);
    return value.bitLength() < 64 ? value.longValue() : null;
  }
}
