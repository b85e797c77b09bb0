package dev.herald.agent.config;

import org.snakeyaml.engine.v2.exceptions.Mark;

/**
 * The position of {@link PlainYaml} in its text, with the line-level steps it takes: skipping
 * blank and comment lines, ending a line, telling an entry dash or a mapping key from a value.
 *
 * <p>Every character has been checked by {@link #of} (no tab, no lone CR, no character SnakeYAML
 * would count differently), so a character index is also SnakeYAML's code-point index, and a
 * column is the index minus the index where the line starts. Not thread-safe: one per parse.
 */
final class PlainYamlCursor {

  /** The longest key read: SnakeYAML refuses simple keys past 1024 characters; stay well below. */
  private static final int MAX_KEY = 1000;

  final char[] chars;
  final int length;
  /** The text as code points, shared by every mark so that SnakeYAML can print a snippet. */
  private final int[] codePoints;
  private final String label;
  int pos;
  private int line;
  private int lineStart;

  private PlainYamlCursor(char[] chars, int[] codePoints, String label) {
    this.chars = chars;
    this.length = chars.length;
    this.codePoints = codePoints;
    this.label = label;
  }

  /** A cursor at the start of {@code text}, or null if a character is outside the subset. */
  static PlainYamlCursor of(String text, String label) {
    char[] chars = text.toCharArray();
    int[] codePoints = new int[chars.length];
    for (int i = 0; i < chars.length; i++) {
      char c = chars[i];
      if (c < ' ' ? c != '\n' && (c != '\r' || i + 1 == chars.length || chars[i + 1] != '\n')
          : c > '~' && (c <= 0x9F || c >= 0xD800 && c <= 0xDFFF || c == 0x2028 || c == 0x2029
              || c == 0xFEFF || c >= 0xFFFE)) {
        // tabs, control characters, line breaks other than LF and CRLF, surrogates (columns
        // would count differently) and byte order marks: SnakeYAML decides those
        return null;
      }
      codePoints[i] = c;
    }
    return new PlainYamlCursor(chars, codePoints, label);
  }

  int column() {
    return pos - lineStart;
  }

  boolean atEnd() {
    return pos == length;
  }

  /** SnakeYAML's mark for index {@code at} of the current line. */
  Mark mark(int at) {
    return new Mark(label, at, line, at - lineStart, codePoints, at);
  }

  Mark mark() {
    return mark(pos);
  }

  boolean isBreak(int at) {
    return at == length || chars[at] == '\n' || chars[at] == '\r';
  }

  boolean isBlank(int at) {
    return isBreak(at) || chars[at] == ' ';
  }

  void skipSpaces() {
    while (pos < length && chars[pos] == ' ') {
      pos++;
    }
  }

  /** At a line end, or at a comment (a '#' after a space). */
  boolean atLineEndOrComment() {
    return isBreak(pos) || chars[pos] == '#' && pos > 0 && chars[pos - 1] == ' ';
  }

  /** At a block sequence entry: a dash followed by a space or the line end. */
  boolean atEntryDash() {
    return pos < length && chars[pos] == '-' && isBlank(pos + 1);
  }

  /**
   * Moves past spaces and a comment to the line end; false if anything else is left on the line
   * (a comment glued to a token, a second value, a ':' after a value).
   */
  boolean endLine() {
    skipSpaces();
    if (pos < length && chars[pos] == '#') {
      if (pos > lineStart && chars[pos - 1] != ' ') {
        return false;
      }
      while (!isBreak(pos)) {
        pos++;
      }
    }
    return isBreak(pos);
  }

  /**
   * Moves from a line end (or the start of the text) past blank and comment lines to the first
   * character of the next line with content, or to the end of the text; false at a document
   * marker ({@code ---}, {@code ...}).
   */
  boolean skipToContent() {
    while (true) {
      skipSpaces();
      if (pos < length && chars[pos] == '#') {
        while (!isBreak(pos)) {
          pos++;
        }
      }
      if (pos == length) {
        return true;
      }
      if (chars[pos] == '\r') {
        pos++;
      }
      if (chars[pos] == '\n') {
        pos++;
        line++;
        lineStart = pos;
        continue;
      }
      return pos != lineStart || !(startsWith("---") || startsWith("..."));
    }
  }

  private boolean startsWith(String marker) {
    if (pos + marker.length() > length) {
      return false;
    }
    for (int i = 0; i < marker.length(); i++) {
      if (chars[pos + i] != marker.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The index of the ':' ending a block mapping key that starts here (plain, or quoted on one
   * line), or -1 if there is none on this line or a plain key holds anything this subset is not
   * sure of (quotes, flow indicators, a comment, a leading indicator).
   */
  int keyColon() {
    if (pos < length && (chars[pos] == '\'' || chars[pos] == '"')) {
      return quotedKeyColon();
    }
    if (!PlainYamlScalars.startsPlain(this, pos)) {
      return -1;
    }
    for (int at = pos; at < length && at - pos < MAX_KEY; at++) {
      char c = chars[at];
      if (c == ':' && isBlank(at + 1)) {
        return at;
      }
      if (c == '\n' || c == '\r' || c == '"' || c == '\'' || c == '[' || c == ']' || c == '{'
          || c == '}' || c == ',' || c == '#' && chars[at - 1] == ' ') {
        return -1;
      }
    }
    return -1;
  }

  private int quotedKeyColon() {
    int close = closingQuote(pos);
    if (close < 0) {
      return -1;
    }
    int at = close + 1;
    while (at < length && chars[at] == ' ') {
      at++;
    }
    return at < length && chars[at] == ':' && isBlank(at + 1) && at - pos < MAX_KEY ? at : -1;
  }

  /**
   * The index of the quote that closes the quoted scalar opening at {@code start}, or -1 if it
   * does not close on this line or holds an escape (a backslash in double quotes).
   */
  int closingQuote(int start) {
    char quote = chars[start];
    int at = start + 1;
    while (!isBreak(at) && !(quote == '"' && chars[at] == '\\')) {
      if (chars[at] == quote) {
        if (quote == '\'' && at + 1 < length && chars[at + 1] == '\'') {
          at += 2; // '' is a quote inside single quotes
          continue;
        }
        return at;
      }
      at++;
    }
    return -1;
  }
}
