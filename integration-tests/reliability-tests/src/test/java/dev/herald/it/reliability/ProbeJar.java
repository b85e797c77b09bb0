package dev.herald.it.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Jars the probe plugins from the compiled classes of {@code dev.herald.it.reliability.plugins},
 * with a {@code META-INF/services/dev.herald.api.HeraldPlugin} naming each of them. The jar holds
 * no API classes, as the agent requires.
 */
final class ProbeJar {

  static final List<String> PLUGINS = List.of(
      "dev.herald.it.reliability.plugins.CountingPlugin",
      "dev.herald.it.reliability.plugins.SlowPlugin",
      "dev.herald.it.reliability.plugins.HangingPlugin",
      "dev.herald.it.reliability.plugins.ThrowingPlugin");
  private static final String PACKAGE = "dev/herald/it/reliability/plugins/";

  private ProbeJar() {}

  /** Writes the jar to {@code jar}; returns it. */
  static Path write(Path jar) {
    Path classes = Artifacts.testClasses();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes.resolve(PACKAGE))) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        put(out, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
      String services = String.join("\n", PLUGINS) + "\n";
      put(out, "META-INF/services/dev.herald.api.HeraldPlugin", services.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + jar, e);
    }
    return jar;
  }

  private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
    out.putNextEntry(new JarEntry(name));
    out.write(bytes);
    out.closeEntry();
  }
}
