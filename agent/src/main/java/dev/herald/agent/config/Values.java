package dev.herald.agent.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads typed scalar values, after {@code ${VAR}} substitution, reporting what was expected and
 * what was found. Each method returns null after reporting a problem, so that reading goes on and
 * every problem in the file is found in one pass.
 */
final class Values {

  private final Problems problems;
  private final Function<String, String> env;

  Values(Problems problems, Function<String, String> env) {
    this.problems = problems;
    this.env = env;
  }

  Problems problems() {
    return problems;
  }

  /**
   * A scalar after substitution.
   *
   * @param value the text to use; empty for an empty value
   * @param raw the text as written, which names variables but holds none of their values
   */
  record Text(ScalarNode node, String value, String raw, boolean substituted) {

    boolean isEmpty() {
      return value.isEmpty() || (!substituted && isNull(node));
    }

    /** "found 'x'", without ever showing a value that came from the environment. */
    String found() {
      if (substituted) {
        // never the value itself (it may be a secret), but an empty one is the usual mistake, and
        // a line break or space at an end the one nobody sees (a Secret made from a file)
        String spacing = spacing();
        return "found the value of '" + raw + "'" + (isEmpty() ? ", which is empty"
            : spacing == null ? "" : ", which " + spacing);
      }
      return isEmpty() ? "found nothing" : "found '" + raw + "'";
    }

    /**
     * What is odd about the white space of the value, e.g. "ends with a line break", "has trailing
     * spaces"; null if nothing. Tells of a value that cannot be shown what nobody sees in it.
     */
    String spacing() {
      int last = value.length() - 1;
      if (last < 0) {
        return null;
      }
      if (isLineBreak(value.charAt(last))) {
        return "ends with a line break";
      }
      if (isLineBreak(value.charAt(0))) {
        return "starts with a line break";
      }
      if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
        return "holds a line break";
      }
      boolean leading = Character.isWhitespace(value.charAt(0));
      boolean trailing = Character.isWhitespace(value.charAt(last));
      return leading && trailing ? "has leading and trailing spaces" : leading ? "has leading spaces"
          : trailing ? "has trailing spaces" : null;
    }

    private static boolean isLineBreak(char c) {
      return c == '\n' || c == '\r';
    }
  }

  /** The scalar in {@code node}, substituted; null (reported) if it is not a scalar or fails. */
  Text text(Node node, String where, String expected) {
    if (!(node instanceof ScalarNode scalar)) {
      problems.at(node, where + ": expected " + expected + ", found " + describe(node));
      return null;
    }
    EnvSubstitution.Result result = EnvSubstitution.apply(scalar.getValue(), env);
    if (result.error() != null) {
      problems.at(node, where + ": " + result.error());
      return null;
    }
    return new Text(scalar, result.value(), scalar.getValue(), result.substituted());
  }

  /** A non-empty string. */
  String string(Node node, String where, String expected) {
    Text text = text(node, where, expected);
    if (text != null && text.isEmpty()) {
      problems.at(node, where + ": expected " + expected + ", " + text.found());
      return null;
    }
    return text == null ? null : text.value();
  }

  Boolean bool(Node node, String where) {
    Text text = text(node, where, "true or false");
    if (text == null) {
      return null;
    }
    switch (text.value()) {
      case "true", "True", "TRUE" -> {
        return Boolean.TRUE;
      }
      case "false", "False", "FALSE" -> {
        return Boolean.FALSE;
      }
      default -> {
        problems.at(node, where + ": expected true or false, " + text.found());
        return null;
      }
    }
  }

  Integer integer(Node node, String where, int min, int max) {
    String expected = "a whole number from " + min + " to " + max;
    Text text = text(node, where, expected);
    if (text == null) {
      return null;
    }
    Long value = CoreSchema.parseInteger(text.value());
    if (value == null || value < min || value > max) {
      String what = value == null ? "" : "out of range; ";
      problems.at(node, where + ": " + what + "expected " + expected + ", " + text.found());
      return null;
    }
    return value.intValue();
  }

  /** A duration such as 250ms, 5s, 2m, 1h or 0; {@code positive} refuses 0. */
  Duration duration(Node node, String where, boolean positive) {
    String expected = "a duration like 50ms or 5s";
    Text text = text(node, where, expected);
    if (text == null) {
      return null;
    }
    Duration value = Durations.parse(text.value());
    if (value == null) {
      problems.at(node, where + ": expected " + expected + " (units ms, s, m, h), " + text.found());
    } else if (positive && value.isZero()) {
      problems.at(node, where + ": expected a duration above 0 like 500ms or 2s, " + text.found());
      return null;
    }
    return value;
  }

  /** One of {@code choices}, compared ignoring case, returned as listed. */
  String choice(Node node, String where, List<String> choices) {
    String expected = choices.size() == 2
        ? choices.get(0) + " or " + choices.get(1)
        : String.join(", ", choices.subList(0, choices.size() - 1)) + " or "
            + choices.get(choices.size() - 1);
    Text text = text(node, where, expected);
    if (text == null) {
      return null;
    }
    String lower = text.value().trim().toLowerCase(Locale.ROOT);
    if (choices.contains(lower)) {
      return lower;
    }
    problems.at(node, where + ": expected " + expected + ", " + text.found());
    return null;
  }

  /** True for an empty value: a plain {@code null}, {@code ~}, nothing at all, or no node. */
  static boolean isNull(Node node) {
    return node == null || node instanceof ScalarNode scalar
        && scalar.getScalarStyle() == ScalarStyle.PLAIN
        && CoreSchema.isNull(scalar.getValue());
  }

  /** "a mapping", "a list", "'text'" or "nothing", for "found ..." messages. */
  static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (isNull(node)) {
      return "nothing";
    }
    return "'" + ((ScalarNode) node).getValue() + "'";
  }
}
