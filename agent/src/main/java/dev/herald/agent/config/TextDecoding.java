package dev.herald.agent.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a config file's bytes into text: UTF-8 only (a UTF-8 byte order mark is dropped), and a
 * file that is binary or in another encoding is reported with where the first bad byte is.
 */
final class TextDecoding {

  private TextDecoding() {}

  /** The text, or null after reporting why the bytes are not UTF-8 text. */
  static String decode(byte[] bytes, Problems problems) {
    int start = 0;
    if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF) {
      start = 3;
    } else if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF
        || (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE)) {
      problems.whole("is UTF-16 text; save it as UTF-8");
      return null;
    }
    for (int i = start; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        int[] position = position(bytes, start, i);
        problems.atLine(position[0], position[1],
            "is a binary file, not YAML text (a NUL byte at offset " + i + ")");
        return null;
      }
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      int[] position = position(bytes, start, offset);
      problems.atLine(position[0], position[1], String.format(
          "is not UTF-8 text: byte 0x%02X at offset %d is not valid UTF-8; save the file as UTF-8",
          bytes[offset] & 0xFF, offset));
      return null;
    }
    out.flip();
    return out.toString();
  }

  /** 1-based line and column (in characters) of byte {@code offset}, counting valid UTF-8 only. */
  private static int[] position(byte[] bytes, int start, int offset) {
    int line = 1;
    int column = 1;
    for (int i = start; i < offset; i++) {
      int b = bytes[i] & 0xFF;
      if (b == '\n') {
        line++;
        column = 1;
      } else if ((b & 0xC0) != 0x80) {
        // count lead bytes only, so a multi-byte character is one column
        column++;
      }
    }
    return new int[] {line, column};
  }
}
