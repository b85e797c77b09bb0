package dev.herald.agent.instrument;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;

/**
 * Reads the class files of a loading class's supertypes, which {@link ServiceMatcher} decides from
 * before anything is loaded.
 *
 * <p>Asked through its class loader, one class file cost about two million instructions (0.6 ms on
 * the development machine), most of it before the loader looks at its own jars: the bootstrap and
 * the platform loaders are asked first, and each searches every JDK module for a name outside its
 * packages. A library of a few hundred classes paid that once per supertype as it loaded. So the
 * class file is looked for, in order:
 *
 * <ol>
 *   <li>in the jar or folder of the class that names it (its code source), where most supertypes
 *       are: read directly, ~5x cheaper;
 *   <li>in the other jars and folders the same loader has loaded classes from, in the order they
 *       were first seen (a library's classes extending those of the library it builds on);
 *   <li>among the loader's own URLs, if it is a {@link URLClassLoader} (Spring Boot's, servlet
 *       containers'), without asking its parents;
 *   <li>through the loader, as before.
 * </ol>
 *
 * <p>The first three differ from what the JVM will load only when the same class name is in two
 * places, the loader's parent or another jar holding another copy; the decision then follows the
 * copy found first. JDK classes never get here ({@link ServiceIndex#isPlatform}).
 *
 * <p>Jars are opened once per class loader and code source and held as long as the loader lives
 * (weakly: a loader that is collected takes its jars with it, and the JDK closes them). A jar the
 * loader's own {@code JarFile} has open shares its central directory.
 *
 * <p>Safe for concurrent use.
 */
final class ClassFiles {

  /** Per loader: the code sources seen, in order, each a jar or folder, or empty if neither. */
  private final Map<ClassLoader, Sources> sources = new WeakHashMap<>();

  /**
   * The class file of {@code className} as seen from a class defined by {@code loader} from {@code
   * codeSource}, or null if none is found or it cannot be read.
   *
   * @param codeSource where the class naming {@code className} came from; null if unknown
   */
  byte[] read(String className, ClassLoader loader, URL codeSource) {
    String path = className.replace('.', '/') + ".class";
    byte[] bytes = sourcesOf(loader).read(codeSource, path);
    if (bytes != null) {
      return bytes;
    }
    try {
      if (loader instanceof URLClassLoader) {
        URL url = ((URLClassLoader) loader).findResource(path);
        if (url != null) {
          try (InputStream in = url.openStream()) {
            return in.readAllBytes();
          }
        }
      }
      try (InputStream in = loader.getResourceAsStream(path)) {
        return in == null ? null : in.readAllBytes();
      }
    } catch (Exception unreadable) {
      return null; // the JVM cannot load it either, or it is generated: nothing to decide from
    }
  }

  private Sources sourcesOf(ClassLoader loader) {
    synchronized (sources) {
      Sources known = sources.get(loader);
      if (known == null) {
        known = new Sources();
        sources.put(loader, known);
      }
      return known;
    }
  }

  /** The code sources of one loader. */
  private static final class Sources {
    private final Map<String, Optional<Location>> byUrl = new ConcurrentHashMap<>();
    // copy-on-write, in the order first seen
    private volatile Location[] readable = new Location[0];

    byte[] read(URL codeSource, String path) {
      Location own = codeSource == null ? null : location(codeSource);
      byte[] bytes = own == null ? null : read(own, path);
      if (bytes != null) {
        return bytes;
      }
      for (Location other : readable) {
        if (other != own) {
          bytes = read(other, path);
          if (bytes != null) {
            return bytes;
          }
        }
      }
      return null;
    }

    private byte[] read(Location location, String path) {
      try {
        return location.read(path);
      } catch (IOException | RuntimeException unreadable) {
        forget(location); // closed by its owner, or changed under us: the loader knows better
        return null;
      }
    }

    private synchronized void forget(Location location) {
      List<Location> kept = new ArrayList<>(Arrays.asList(readable));
      kept.remove(location);
      readable = kept.toArray(new Location[0]);
      byUrl.values().removeIf(known -> known.orElse(null) == location);
    }

    private Location location(URL codeSource) {
      String key = codeSource.toString();
      Optional<Location> known = byUrl.get(key);
      if (known == null) {
        synchronized (this) {
          known = byUrl.get(key);
          if (known == null) {
            known = Optional.ofNullable(Location.open(codeSource));
            byUrl.put(key, known);
            if (known.isPresent()) {
              Location[] grown = Arrays.copyOf(readable, readable.length + 1);
              grown[readable.length] = known.get();
              readable = grown;
            }
          }
        }
      }
      return known.orElse(null);
    }
  }

  /** A code source Herald can read directly: a local jar or folder. */
  private abstract static class Location {

    /** The location of a {@code file:} or {@code jar:} code source, or null for any other. */
    static Location open(URL codeSource) {
      if ("jar".equals(codeSource.getProtocol())) {
        // A jar inside a jar (Spring Boot's BOOT-INF/lib), through the protocol's own handler and
        // its cache of open jars, as the loader reads it; not closed here, not owned.
        try {
          URLConnection connection = codeSource.openConnection();
          return connection instanceof JarURLConnection
              ? new Jar(((JarURLConnection) connection).getJarFile()) : null;
        } catch (IOException | RuntimeException unreadable) {
          return null;
        }
      }
      if (!"file".equals(codeSource.getProtocol())) {
        return null; // remote and other URLs: the loader knows how to read them
      }
      File file;
      try {
        file = new File(codeSource.toURI());
      } catch (URISyntaxException | IllegalArgumentException e) {
        return null;
      }
      if (file.isDirectory()) {
        return new Folder(file);
      }
      if (!file.isFile()) {
        return null;
      }
      try {
        // the versioned entries of a multi-release jar, as the loader reads them
        return new Jar(new JarFile(file, false, ZipFile.OPEN_READ, JarFile.runtimeVersion()));
      } catch (IOException notAJar) {
        return null;
      }
    }

    /** The bytes at {@code path}, or null if there is no such entry. */
    final byte[] read(String path) throws IOException {
      try (InputStream in = open(path)) {
        return in == null ? null : in.readAllBytes();
      }
    }

    /** The entry at {@code path}, or null if there is none. */
    abstract InputStream open(String path) throws IOException;
  }

  private static final class Jar extends Location {
    private final JarFile jar;

    Jar(JarFile jar) {
      this.jar = jar;
    }

    @Override
    InputStream open(String path) throws IOException {
      JarEntry entry = jar.getJarEntry(path);
      return entry == null ? null : jar.getInputStream(entry);
    }
  }

  private static final class Folder extends Location {
    private final File root;

    Folder(File root) {
      this.root = root;
    }

    @Override
    InputStream open(String path) throws IOException {
      File file = new File(root, path);
      return file.isFile() ? new FileInputStream(file) : null;
    }
  }
}
