package dev.herald.agent.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** One element of an {@link AppClasspath}: a jar (or a folder inside one) or a folder of classes. */
interface Root extends Closeable {

  /** The binary names of the classes here, without {@code module-info} and {@code package-info}. */
  List<String> classNames() throws IOException;

  /** The class file of {@code binaryName}, or null if it is not here. */
  byte[] read(String binaryName) throws IOException;

  static String binaryName(String path) {
    String name = path.substring(0, path.length() - ".class".length()).replace('/', '.');
    return name.endsWith("module-info") || name.endsWith("package-info") ? null : name;
  }

  /** Classes in a jar under {@code prefix} ("" or {@code BOOT-INF/classes/}). */
  record Jar(ZipFile zip, String prefix) implements Root {
    @Override
    public List<String> classNames() {
      List<String> names = new ArrayList<>();
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        String path = entries.nextElement().getName();
        // multi-release variants are the same classes again
        if (path.startsWith(prefix) && path.endsWith(".class") && !path.startsWith("META-INF/")) {
          String name = binaryName(path.substring(prefix.length()));
          if (name != null) {
            names.add(name);
          }
        }
      }
      return names;
    }

    @Override
    public byte[] read(String binaryName) throws IOException {
      ZipEntry entry = zip.getEntry(prefix + binaryName.replace('.', '/') + ".class");
      if (entry == null) {
        return null;
      }
      try (InputStream in = zip.getInputStream(entry)) {
        return in.readAllBytes();
      }
    }

    @Override
    public void close() throws IOException {
      zip.close();
    }
  }

  /** Classes in a folder tree. */
  record Folder(Path folder) implements Root {
    @Override
    public List<String> classNames() throws IOException {
      List<String> names = new ArrayList<>();
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          String path = folder.relativize(file).toString().replace(java.io.File.separatorChar, '/');
          if (path.endsWith(".class") && !path.startsWith("META-INF/")) {
            String name = binaryName(path);
            if (name != null) {
              names.add(name);
            }
          }
        }
      }
      return names;
    }

    @Override
    public byte[] read(String binaryName) throws IOException {
      Path file = folder.resolve(binaryName.replace('.', '/') + ".class");
      return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    }

    @Override
    public void close() {}
  }
}
