package dev.herald.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds plugin jars inside a test: compiled from source against herald-api, or merged from
 * existing jars and class folders. For one test's thread.
 */
final class TestPlugins {

  private TestPlugins() {}

  /**
   * Compiles {@code sources} (binary class name to Java source) against herald-api and jars the
   * classes with {@code META-INF/services/dev.herald.api.HeraldPlugin} naming {@code pluginClass}.
   */
  static Path compile(Path workDir, String jarName, String pluginClass, Map<String, String> sources) {
    try {
      Path src = Files.createDirectories(workDir.resolve(jarName + "-src"));
      Path classes = Files.createDirectories(workDir.resolve(jarName + "-classes"));
      List<String> args = new java.util.ArrayList<>(List.of(
          "--release", "17", "-classpath", Artifacts.apiClasses().toString(), "-d", classes.toString()));
      for (Map.Entry<String, String> source : sources.entrySet()) {
        Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getValue(), UTF_8);
        args.add(file.toString());
      }
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      int status = javac.run(null, null, null, args.toArray(String[]::new));
      if (status != 0) {
        throw new IllegalStateException("test plugin sources did not compile (status " + status + ")");
      }
      Path services = classes.resolve("META-INF/services/dev.herald.api.HeraldPlugin");
      Files.createDirectories(services.getParent());
      Files.writeString(services, pluginClass + "\n", UTF_8);
      return merge(workDir.resolve(jarName), classes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a jar holding the entries of each jar or class folder in {@code parts}; the first wins on duplicates. */
  static Path merge(Path jar, Path... parts) {
    Set<String> seen = new HashSet<>();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (Path part : parts) {
        if (Files.isDirectory(part)) {
          try (Stream<Path> files = Files.walk(part)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
              String name = part.relativize(file).toString().replace('\\', '/');
              put(out, seen, name, Files.readAllBytes(file));
            }
          }
        } else {
          try (JarFile in = new JarFile(part.toFile())) {
            for (JarEntry entry : in.stream().filter(e -> !e.isDirectory()).toList()) {
              put(out, seen, entry.getName(), in.getInputStream(entry).readAllBytes());
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + jar, e);
    }
    return jar;
  }

  private static void put(JarOutputStream out, Set<String> seen, String name, byte[] bytes) throws IOException {
    if (seen.add(name)) {
      out.putNextEntry(new JarEntry(name));
      OutputStream stream = out;
      stream.write(bytes);
      out.closeEntry();
    }
  }
}
