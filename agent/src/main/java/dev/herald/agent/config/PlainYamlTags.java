package dev.herald.agent.config;

import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The tag SnakeYAML Engine's default scalar resolver ({@code JsonScalarResolver}) gives a plain
 * scalar, written out as loops over its patterns: the readers only ask {@code isResolved()}, but a
 * tree equal to SnakeYAML's is easier to trust. Stateless.
 */
final class PlainYamlTags {

  private PlainYamlTags() {}

  static Tag resolve(String value) {
    if (value.isEmpty() || value.equals("null")) {
      return Tag.NULL;
    }
    if (value.equals("true") || value.equals("false")) {
      return Tag.BOOL;
    }
    char first = value.charAt(0);
    if (first == '-' || first == '.' || first >= '0' && first <= '9') {
      return number(value);
    }
    if (first == '$' && isEnvFormat(value)) {
      return Tag.ENV_TAG;
    }
    return Tag.STR;
  }

  /**
   * {@code -?(0|[1-9][0-9]*)} is an int; {@code -?(0|[1-9][0-9]*)(\.[0-9]*)?([eE][-+]?[0-9]+)?},
   * {@code -?\.inf} and {@code \.nan} are floats.
   */
  private static Tag number(String value) {
    int length = value.length();
    int at = value.charAt(0) == '-' ? 1 : 0;
    if (value.startsWith(".inf", at) && at + 4 == length
        || at == 0 && value.equals(".nan")) {
      return Tag.FLOAT;
    }
    if (at < length && value.charAt(at) == '0') {
      at++;
    } else if (at < length && value.charAt(at) >= '1' && value.charAt(at) <= '9') {
      at = digits(value, at + 1);
    } else {
      return Tag.STR;
    }
    if (at == length) {
      return Tag.INT;
    }
    if (value.charAt(at) == '.') {
      at = digits(value, at + 1);
    }
    if (at < length && (value.charAt(at) == 'e' || value.charAt(at) == 'E')) {
      at++;
      if (at < length && (value.charAt(at) == '-' || value.charAt(at) == '+')) {
        at++;
      }
      int exponent = at;
      at = digits(value, at);
      if (at == exponent) {
        return Tag.STR;
      }
    }
    return at == length ? Tag.FLOAT : Tag.STR;
  }

  private static int digits(String value, int at) {
    while (at < value.length() && value.charAt(at) >= '0' && value.charAt(at) <= '9') {
      at++;
    }
    return at;
  }

  /** {@code ^\$\{\s*(?:(\w+)(?:(:?[-?])(\w+)?)?)\s*\}$}: {@code ${NAME}}, {@code ${NAME:-x}}. */
  private static boolean isEnvFormat(String value) {
    int last = value.length() - 1;
    if (last < 3 || value.charAt(1) != '{' || value.charAt(last) != '}') {
      return false;
    }
    int at = spaces(value, 2, last);
    int name = at;
    at = word(value, at, last);
    if (at == name) {
      return false;
    }
    int operator = at < last && value.charAt(at) == ':' ? at + 1 : at;
    if (operator < last && (value.charAt(operator) == '-' || value.charAt(operator) == '?')) {
      at = word(value, operator + 1, last);
    }
    return spaces(value, at, last) == last;
  }

  private static int spaces(String value, int at, int end) {
    while (at < end && value.charAt(at) == ' ') {
      at++;
    }
    return at;
  }

  private static int word(String value, int at, int end) {
    while (at < end && (PlainYamlScalars.isWordOrDot(value.charAt(at))
        && value.charAt(at) != '.' || value.charAt(at) == '_')) {
      at++;
    }
    return at;
  }
}
