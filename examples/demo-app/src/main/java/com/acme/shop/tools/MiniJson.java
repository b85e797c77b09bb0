package com.acme.shop.tools;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader for webhook payloads, so that the stand-in needs no library.
 *
 * <p>Objects become {@code Map<String, Object>} (in document order), arrays {@code List<Object>},
 * strings {@code String}, numbers {@code BigDecimal}, {@code true}/{@code false} {@code Boolean}
 * and {@code null} null. Not for untrusted input beyond the demo's: nesting depth is unbounded.
 */
final class MiniJson {

  private final String text;
  private int pos;

  private MiniJson(String text) {
    this.text = text;
  }

  /**
   * Reads a document whose top level is an object.
   *
   * @throws IllegalArgumentException if the text is not one JSON object, saying where
   */
  static Map<String, Object> parseObject(String text) {
    MiniJson reader = new MiniJson(text);
    reader.skipSpace();
    if (reader.peek() != '{') {
      throw reader.error("expected an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> object = (Map<String, Object>) reader.value();
    reader.skipSpace();
    if (reader.pos != text.length()) {
      throw reader.error("expected the end of the document");
    }
    return object;
  }

  private Object value() {
    skipSpace();
    char c = peek();
    switch (c) {
      case '{': return object();
      case '[': return array();
      case '"': return string();
      case 't': return literal("true", Boolean.TRUE);
      case 'f': return literal("false", Boolean.FALSE);
      case 'n': return literal("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("expected a value");
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> object = new LinkedHashMap<>();
    pos++;
    skipSpace();
    if (peek() == '}') {
      pos++;
      return object;
    }
    do {
      skipSpace();
      if (peek() != '"') {
        throw error("expected a member name");
      }
      String name = string();
      skipSpace();
      expect(':');
      object.put(name, value());
      skipSpace();
    } while (accept(','));
    expect('}');
    return object;
  }

  private List<Object> array() {
    List<Object> array = new ArrayList<>();
    pos++;
    skipSpace();
    if (peek() == ']') {
      pos++;
      return array;
    }
    do {
      array.add(value());
      skipSpace();
    } while (accept(','));
    expect(']');
    return array;
  }

  private String string() {
    StringBuilder out = new StringBuilder();
    pos++;
    while (true) {
      char c = next();
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw error("control character in a string");
      }
      out.append(c == '\\' ? escape() : c);
    }
  }

  private char escape() {
    char c = next();
    switch (c) {
      case '"': case '\\': case '/': return c;
      case 'b': return '\b';
      case 'f': return '\f';
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'u':
        if (pos + 4 > text.length()) {
          throw error("short \\u escape");
        }
        try {
          char decoded = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
          pos += 4;
          return decoded;
        } catch (NumberFormatException e) {
          throw error("bad \\u escape");
        }
      default: throw error("bad escape \\" + c);
    }
  }

  private BigDecimal number() {
    int start = pos;
    while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    try {
      return new BigDecimal(text.substring(start, pos));
    } catch (NumberFormatException e) {
      pos = start;
      throw error("bad number");
    }
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("expected " + word);
    }
    pos += word.length();
    return value;
  }

  private void skipSpace() {
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private boolean accept(char c) {
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!accept(c)) {
      throw error("expected '" + c + "'");
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private char next() {
    if (pos >= text.length()) {
      throw error("unexpected end of the document");
    }
    return text.charAt(pos++);
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at offset " + pos);
  }
}
