package dev.herald.it.recorder;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An append-only file of JSON lines, flushed after each line so that a test reading it after the
 * JVM exited sees every line written, even if {@code stop} never ran.
 *
 * <p>Safe for concurrent use: lines from several subscriptions' delivery threads never interleave.
 */
final class JsonLines implements AutoCloseable {

  private final ObjectMapper json = new ObjectMapper();
  private final Writer writer;

  JsonLines(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
  }

  synchronized void write(Object value) throws IOException {
    writer.write(json.writeValueAsString(value));
    writer.write('\n');
    writer.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    writer.close();
  }
}
