package dev.herald.it.hardening;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Compiles Java sources inside a test (javax.tools, {@code --release 17}) and writes jars: plugin
 * jars, and the generated near-64 KB service. For one test's thread.
 */
final class Sources {

  private Sources() {}

  /** Compiles {@code sources} (binary class name to source) against herald-api into {@code classes}. */
  static Path compile(Path classes, Map<String, String> sources) {
    try {
      Files.createDirectories(classes);
      Path src = Files.createTempDirectory(classes.getParent(), "src-");
      List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-classpath",
          Artifacts.apiClasses().toString(), "-d", classes.toString()));
      for (Map.Entry<String, String> source : sources.entrySet()) {
        Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getValue(), UTF_8);
        args.add(file.toString());
      }
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      ByteArrayOutputStream errors = new ByteArrayOutputStream();
      int status = javac.run(null, errors, errors, args.toArray(String[]::new));
      if (status != 0) {
        throw new IllegalStateException("test sources did not compile (status " + status + "):\n"
            + errors.toString(UTF_8));
      }
      return classes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Compiles {@code sources} and jars them with {@code META-INF/services/dev.herald.api.HeraldPlugin}
   * naming {@code serviceEntry} (which need not exist).
   */
  static Path pluginJar(Path jar, String serviceEntry, Map<String, String> sources) {
    Path classes = jar.resolveSibling(jar.getFileName() + "-classes");
    if (!sources.isEmpty()) {
      compile(classes, sources);
    }
    write(classes.resolve("META-INF/services/dev.herald.api.HeraldPlugin"), serviceEntry + "\n");
    return merge(jar, classes);
  }

  /** Writes a jar holding the entries of each jar or class folder in {@code parts}; the first wins on duplicates. */
  static Path merge(Path jar, Path... parts) {
    Set<String> seen = new HashSet<>();
    try {
      Files.createDirectories(jar.getParent());
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
        for (Path part : parts) {
          if (Files.isDirectory(part)) {
            try (Stream<Path> files = Files.walk(part)) {
              for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                put(out, seen, part.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
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
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + jar, e);
    }
    return jar;
  }

  /** Writes {@code text} to {@code file}, creating folders. */
  static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void put(JarOutputStream out, Set<String> seen, String name, byte[] bytes)
      throws IOException {
    if (seen.add(name)) {
      out.putNextEntry(new JarEntry(name));
      out.write(bytes);
      out.closeEntry();
    }
  }
}
