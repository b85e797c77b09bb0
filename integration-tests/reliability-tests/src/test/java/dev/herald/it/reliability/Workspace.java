package dev.herald.it.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A folder laid out as a user would: {@code herald.yaml} naming the reliability application's
 * {@code OrderService} (entity {@code order}) plus the test's bus and plugin sections, and {@code
 * plugins/probe-plugins.jar}. The probe plugins write their reports here. For one test's thread;
 * the folder is the test's {@code @TempDir}.
 */
final class Workspace {

  private static final String SERVICES = """
      services:
        - { class: dev.herald.it.reliability.app.OrderService, entity: order }
      """;

  private final Path dir;

  private Workspace(Path dir) {
    this.dir = dir;
  }

  /**
   * Lays out {@code dir} with the probe plugin jar and a config of the service, then {@code
   * sections} (YAML: {@code bus:}, {@code plugins:}).
   */
  static Workspace in(Path dir, String sections) {
    Workspace workspace = new Workspace(dir);
    try {
      ProbeJar.write(Files.createDirectories(dir.resolve("plugins")).resolve("probe-plugins.jar"));
      Files.writeString(dir.resolve("herald.yaml"), SERVICES + sections, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return workspace;
  }

  Path dir() {
    return dir;
  }

  /** A probe plugin's report ({@code key=value} lines); fails if the plugin wrote none. */
  Map<String, Long> report(String file) {
    Path path = dir.resolve(file);
    if (!Files.isRegularFile(path)) {
      throw new AssertionError("no report " + path + ": the plugin's stop() did not run or failed");
    }
    Map<String, Long> values = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(path, UTF_8)) {
        int eq = line.indexOf('=');
        values.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return values;
  }
}
