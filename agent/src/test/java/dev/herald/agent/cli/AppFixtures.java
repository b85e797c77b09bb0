package dev.herald.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds the applications that {@code check} and {@code attach} are tried on: compiled sources, jars, fat jars. */
final class AppFixtures {

  /** A small shop: a base class with the default operations, and services that inherit them. */
  static final Map<String, String> SHOP = Map.of(
      "com/acme/BaseService.java", """
          package com.acme;
          public abstract class BaseService {
            public Object create(Object entity) { return entity; }
            public void delete(long id) {}
            public String describe() { return "base"; }
          }
          """,
      "com/acme/OrderService.java", """
          package com.acme;
          public class OrderService extends BaseService {
            public long placeOrder(String item) { return 1; }
            public long placeRush(String item) { return 2; }
            private void update(Object entity) {}
          }
          """,
      "com/acme/AccountService.java", """
          package com.acme;
          public class AccountService extends BaseService {
            public void activate(long id) {}
          }
          """,
      "com/acme/Helper.java", """
          package com.acme;
          public class Helper { public void create() {} }
          """);

  private AppFixtures() {}

  /** Compiles {@code sources} (path to text) into {@code folder}/classes and returns that folder. */
  static Path compile(Path folder, Map<String, String> sources, Path... classpath) throws IOException {
    Path src = Files.createDirectories(folder.resolve("src"));
    Path classes = Files.createDirectories(folder.resolve("classes"));
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17"));
    for (Path element : classpath) {
      args.addAll(List.of("-cp", element.toString()));
    }
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(source.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac exit status").isZero();
    return classes;
  }

  /** Jars {@code classes} under {@code prefix} ("" or "BOOT-INF/classes/"), with the manifest attributes. */
  static Path jar(Path jar, Path classes, String prefix, Map<String, String> manifest, Map<String, byte[]> extra)
      throws IOException {
    Manifest mf = new Manifest();
    mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.forEach((key, value) -> mf.getMainAttributes().putValue(key, value));
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, mf)) {
      if (!prefix.isEmpty()) {
        out.putNextEntry(new JarEntry(prefix));
        out.closeEntry();
      }
      try (Stream<Path> files = Files.walk(classes)) {
        for (Path path : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          out.putNextEntry(new JarEntry(prefix + classes.relativize(path).toString().replace('\\', '/')));
          out.write(Files.readAllBytes(path));
          out.closeEntry();
        }
      }
      for (Map.Entry<String, byte[]> entry : extra.entrySet()) {
        out.putNextEntry(new JarEntry(entry.getKey()));
        out.write(entry.getValue());
        out.closeEntry();
      }
    }
    return jar;
  }
}
