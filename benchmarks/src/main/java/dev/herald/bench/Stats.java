package dev.herald.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Side figures a forked benchmark JVM reports back to {@link BenchmarkMain}: one {@code key=value}
 * line each, appended to the file named by the system property {@code bench.stats}. Without the
 * property they go to standard output.
 */
public final class Stats {

  private Stats() {}

  public static void put(String key, Object value) {
    String line = key + "=" + value + System.lineSeparator();
    String file = System.getProperty("bench.stats");
    if (file == null) {
      System.out.print(line);
      return;
    }
    try {
      Files.writeString(Path.of(file), line, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.err.println("bench: cannot write " + file + ": " + e);
    }
  }
}
