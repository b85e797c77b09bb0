package dev.herald.agent.log;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TimeZone;
import org.slf4j.helpers.MessageFormatter;

/**
 * The agent's log until Logback is set up: writes the lines Logback's pattern {@code
 * %d{HH:mm:ss.SSS} [herald] %-5level %msg%n} would, or with {@code json} the {@link JsonLine}s of
 * {@link JsonLayout}, each at once (a JVM that exits right after still shows it), to standard error
 * or appended to a file. Uses only the JDK and SLF4J's message formatter, a handful of classes.
 *
 * <p>Not thread-safe: {@link LogSwitch} guards it.
 */
final class EarlyLog {

  private static final long MILLIS_PER_DAY = 24 * 60 * 60 * 1000L;

  private int threshold;
  private boolean json;
  private Path file;
  private OutputStream fileOut;

  EarlyLog(int threshold, String format) {
    this.threshold = threshold;
    this.json = JsonLine.JSON.equals(format);
  }

  boolean enabled(int level) {
    return level >= threshold;
  }

  String levelName() {
    return LogLevels.name(threshold);
  }

  Path file() {
    return file;
  }

  /** {@code json} or {@code text}. */
  String format() {
    return json ? JsonLine.JSON : JsonLine.TEXT;
  }

  /**
   * As {@link AgentLog#configure}: a null level or format keeps it; a null file means standard
   * error.
   */
  void configure(String level, String format, Path newFile) {
    threshold = LogLevels.parse(level, threshold);
    if (format != null) {
      json = JsonLine.JSON.equals(format);
    }
    if (newFile == null) {
      close(); // back to standard error
      return;
    }
    if (newFile.equals(file)) {
      return;
    }
    try {
      Path parent = newFile.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      // not Files.newOutputStream: NIO's file channel is some 30 JDK classes outside the JVM's
      // shared archive, loaded in premain on the application's main thread
      OutputStream opened = new FileOutputStream(newFile.toFile(), true);
      close();
      fileOut = opened;
      file = newFile;
    } catch (IOException | RuntimeException e) {
      write(AgentLog.OWN_LOGGER, LogLevels.WARN,
          "cannot write the agent's log to {}, it goes on {}: {}",
          new Object[] {newFile, file == null ? "on standard error" : "to " + file, e.toString()}, null);
    }
  }

  /**
   * Writes one line for {@code logger} if {@code level} is enabled. As Logback does, a last argument
   * that is a {@code Throwable} is the line's throwable when {@code thrown} is null.
   */
  void write(String logger, int level, String pattern, Object[] args, Throwable thrown) {
    if (!enabled(level)) {
      return;
    }
    Object[] values = args;
    Throwable error = thrown;
    if (error == null && args != null) {
      error = MessageFormatter.getThrowableCandidate(args);
      if (error != null) {
        values = MessageFormatter.trimmedCopy(args);
      }
    }
    String message = values == null || values.length == 0 ? pattern
        : MessageFormatter.basicArrayFormat(pattern, values);
    if (json) {
      emit(JsonLine.of(System.currentTimeMillis(), LogLevels.name(level), logger, message,
          error == null ? null : LogText.stackTrace(error)));
      return;
    }
    StringBuilder line = new StringBuilder(64 + (message == null ? 4 : message.length()));
    appendTime(line, System.currentTimeMillis());
    line.append(" [herald] ");
    String name = LogLevels.name(level);
    line.append(name).append("     ", 0, Math.max(0, 5 - name.length())).append(' ')
        .append(LogText.escapeControls(message)).append(System.lineSeparator());
    if (error != null) {
      line.append(LogText.stackTrace(error));
    }
    emit(line.toString());
  }

  void flush() {
    System.err.flush();
  }

  /** Closes the file, if any; lines go to standard error afterwards. */
  void close() {
    if (fileOut != null) {
      try {
        fileOut.close();
      } catch (IOException ignored) {
        // every line was flushed when written
      }
      fileOut = null;
      file = null;
    }
  }

  private void emit(String text) {
    // bytes in the platform charset, as Logback's encoder writes them
    byte[] bytes = text.getBytes(Charset.defaultCharset());
    if (fileOut != null) {
      try {
        fileOut.write(bytes);
        fileOut.flush();
        return;
      } catch (IOException e) {
        close();
        System.err.write(bytes, 0, bytes.length);
        write(AgentLog.OWN_LOGGER, LogLevels.WARN,
            "the agent's log file failed, lines go to standard error from now on: {}",
            new Object[] {e.toString()}, null);
        return;
      }
    }
    System.err.write(bytes, 0, bytes.length);
    System.err.flush();
  }

  private static void appendTime(StringBuilder line, long now) {
    long local = Math.floorMod(now + TimeZone.getDefault().getOffset(now), MILLIS_PER_DAY);
    pad(line, local / 3_600_000, 2).append(':');
    pad(line, local / 60_000 % 60, 2).append(':');
    pad(line, local / 1000 % 60, 2).append('.');
    pad(line, local % 1000, 3);
  }

  private static StringBuilder pad(StringBuilder line, long value, int width) {
    String digits = Long.toString(value);
    for (int i = digits.length(); i < width; i++) {
      line.append('0');
    }
    return line.append(digits);
  }
}
