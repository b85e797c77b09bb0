package dev.herald.it.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A test's figures, printed as one {@code FIGURE | test | key=value ...} line on the test's
 * output and appended to the file named by {@code herald.it.figures} (the pom sets it to {@code
 * ${project.build.directory}/reliability-figures.txt}), so one file collects the run's table.
 */
final class Figures {

  private final String test;
  private final Map<String, Object> values = new LinkedHashMap<>();

  private Figures(String test) {
    this.test = test;
  }

  static Figures of(String test) {
    return new Figures(test);
  }

  Figures put(String key, Object value) {
    values.put(key, value);
    return this;
  }

  /** Prints and records the line; call before asserting, so that a failing run still shows its figures. */
  void report() {
    String line = "FIGURE | " + test + " | " + values.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    System.out.println(line);
    String file = System.getProperty("herald.it.figures");
    if (file != null) {
      try {
        Path path = Path.of(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, line + "\n", StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
