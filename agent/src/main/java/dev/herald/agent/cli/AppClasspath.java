package dev.herald.agent.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The application's classes as {@code check} sees them: jars, folders, {@code lib/*} wildcards, and
 * Spring Boot fat jars ({@code BOOT-INF/classes} and the jars under {@code BOOT-INF/lib}, which are
 * copied to a temporary folder, deleted on {@link #close()}). WAR files are read the same way
 * ({@code WEB-INF/classes}, {@code WEB-INF/lib}).
 *
 * <p>The first root that holds a class wins, as on a class path. Not safe for concurrent use.
 */
final class AppClasspath implements Closeable {

  private final List<Root> roots = new ArrayList<>();
  private final List<String> missing = new ArrayList<>();
  private Path nestedFolder;

  private AppClasspath() {}

  /** Opens the {@code --classpath} value, resolved against {@code workingDir}; elements that do not exist are kept in {@link #missing()}. */
  static AppClasspath open(String spec, Path workingDir) throws IOException {
    AppClasspath classpath = new AppClasspath();
    try {
      for (String element : spec.split(java.io.File.pathSeparator)) {
        if (!element.isBlank()) {
          classpath.add(element.trim(), workingDir);
        }
      }
    } catch (IOException | RuntimeException e) {
      classpath.close();
      throw e;
    }
    return classpath;
  }

  private void add(String element, Path workingDir) throws IOException {
    if (element.endsWith("*")) {
      Path folder = workingDir.resolve(element.substring(0, element.length() - 1));
      if (!Files.isDirectory(folder)) {
        missing.add(element);
        return;
      }
      try (Stream<Path> files = Files.list(folder)) {
        for (Path jar : (Iterable<Path>) files.filter(AppClasspath::isJar).sorted()::iterator) {
          addFile(jar);
        }
      }
      return;
    }
    Path path = workingDir.resolve(element);
    if (Files.isDirectory(path)) {
      roots.add(new Root.Folder(path));
    } else if (Files.isRegularFile(path)) {
      addFile(path);
    } else {
      missing.add(element);
    }
  }

  private void addFile(Path file) throws IOException {
    ZipFile zip = new ZipFile(file.toFile());
    String classes = zip.getEntry("BOOT-INF/classes/") != null ? "BOOT-INF/"
        : zip.getEntry("WEB-INF/classes/") != null ? "WEB-INF/" : null;
    if (classes == null) {
      roots.add(new Root.Jar(zip, ""));
      return;
    }
    roots.add(new Root.Jar(zip, classes + "classes/"));
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      ZipEntry entry = entries.nextElement();
      if (entry.getName().startsWith(classes + "lib/") && isJar(Path.of(entry.getName()))) {
        roots.add(new Root.Jar(new ZipFile(extract(zip, entry).toFile()), ""));
      }
    }
  }

  private Path extract(ZipFile zip, ZipEntry entry) throws IOException {
    if (nestedFolder == null) {
      nestedFolder = Files.createTempDirectory("herald-check");
    }
    Path target = nestedFolder.resolve(roots.size() + "-" + Path.of(entry.getName()).getFileName());
    try (InputStream in = zip.getInputStream(entry)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  private static boolean isJar(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".jar");
  }

  /** Class path elements that named nothing. */
  List<String> missing() {
    return List.copyOf(missing);
  }

  /** Every class on the class path, binary name to class file bytes reader; first root wins. */
  Map<String, Root> classes() throws IOException {
    Map<String, Root> result = new LinkedHashMap<>();
    for (Root root : roots) {
      for (String name : root.classNames()) {
        result.putIfAbsent(name, root);
      }
    }
    return result;
  }

  /** The class file of {@code binaryName}, or null. */
  byte[] read(String binaryName) throws IOException {
    for (Root root : roots) {
      byte[] bytes = root.read(binaryName);
      if (bytes != null) {
        return bytes;
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    for (Root root : roots) {
      root.close();
    }
    roots.clear();
    if (nestedFolder != null) {
      try (Stream<Path> files = Files.list(nestedFolder)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(nestedFolder);
    }
  }
}
