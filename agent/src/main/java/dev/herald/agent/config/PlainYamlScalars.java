package dev.herald.agent.config;

import java.util.Optional;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The one-line scalars of {@link PlainYaml}: plain, single-quoted and double-quoted without
 * escapes, each as the {@link ScalarNode} SnakeYAML Engine composes for it, with the tag its
 * default (JSON) schema resolves: {@code !!null}, {@code !!bool}, {@code !!int}, {@code !!float},
 * {@code !ENV_VARIABLE} or {@code !!str}. Each method returns null for what the subset leaves to
 * SnakeYAML. Stateless.
 */
final class PlainYamlScalars {

  private PlainYamlScalars() {}

  /**
   * Whether a plain scalar may start at {@code at}: not at a blank or an indicator, except a '-'
   * followed by a letter, digit or '.' (as in {@code -1}).
   */
  static boolean startsPlain(PlainYamlCursor in, int at) {
    if (in.isBlank(at)) {
      return false;
    }
    char c = in.chars[at];
    if (c == '-') {
      return at + 1 < in.length && isWordOrDot(in.chars[at + 1]);
    }
    return "?:,[]{}#&*!|>'\"%@`".indexOf(c) < 0;
  }

  /**
   * The plain scalar at the cursor, which is left after its last non-space character. In block
   * context it ends at the line end or a comment; null if it holds ": " (a mapping where a value
   * was expected). In flow context it also ends at a flow indicator or a ':' followed by a blank;
   * null if it holds '?'.
   */
  static ScalarNode plain(PlainYamlCursor in, boolean flow) {
    if (!startsPlain(in, in.pos)) {
      return null;
    }
    char[] chars = in.chars;
    int start = in.pos;
    int at = start;
    while (!in.isBreak(at)) {
      char c = chars[at];
      if (c == ' ' && at + 1 < in.length && chars[at + 1] == '#') {
        break;
      }
      if (c == ':' && (in.isBlank(at + 1) || flow && isFlowIndicator(chars[at + 1]))) {
        if (!flow) {
          return null;
        }
        break;
      }
      if (flow && (isFlowIndicator(c) || c == '?')) {
        if (c == '?') {
          return null;
        }
        break;
      }
      at++;
    }
    return upTo(in, start, at);
  }

  /** The plain scalar from {@code start} to {@code end}, less trailing spaces; cursor after it. */
  private static ScalarNode upTo(PlainYamlCursor in, int start, int end) {
    while (in.chars[end - 1] == ' ') {
      end--;
    }
    in.pos = end;
    String value = new String(in.chars, start, end - start);
    return scalar(value, ScalarStyle.PLAIN, in.mark(start), in.mark(end));
  }

  /** The plain key from the cursor to {@code colon}, as {@link PlainYamlCursor#keyColon} found. */
  static ScalarNode key(PlainYamlCursor in, int colon) {
    return upTo(in, in.pos, colon);
  }

  /** The quoted scalar at the cursor (at its opening quote); the cursor is left after it. */
  static ScalarNode quoted(PlainYamlCursor in) {
    int start = in.pos;
    int close = in.closingQuote(start);
    if (close < 0) {
      // a scalar over several lines folds them; an escape needs decoding: SnakeYAML's job
      return null;
    }
    boolean single = in.chars[start] == '\'';
    String value = new String(in.chars, start + 1, close - start - 1);
    in.pos = close + 1;
    return scalar(single ? value.replace("''", "'") : value,
        single ? ScalarStyle.SINGLE_QUOTED : ScalarStyle.DOUBLE_QUOTED,
        in.mark(start), in.mark(in.pos));
  }

  /** An empty plain scalar (a value left out), where SnakeYAML puts it. */
  static ScalarNode empty(Mark at) {
    return scalar("", ScalarStyle.PLAIN, at, at);
  }

  private static ScalarNode scalar(String value, ScalarStyle style, Mark start, Mark end) {
    Tag tag = style == ScalarStyle.PLAIN ? PlainYamlTags.resolve(value) : Tag.STR;
    return new ScalarNode(tag, true, value, style, Optional.of(start), Optional.of(end));
  }

  static boolean isFlowIndicator(char c) {
    return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
  }

  static boolean isWordOrDot(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.';
  }
}
