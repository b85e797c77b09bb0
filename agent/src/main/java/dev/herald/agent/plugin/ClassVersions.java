package dev.herald.agent.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds a class in a plugin jar compiled for a newer Java than the one running. The JVM loads a
 * plugin's classes lazily: a helper class built for Java 21 inside a plugin whose main class is
 * built for 17 passes the start, then fails every event with {@code UnsupportedClassVersionError}.
 * Reading each class file's version up front (its bytes 6-7) refuses such a jar at once, with the
 * class named. Used by the agent and by {@code check}, so that both decide alike. Public for {@code
 * check}; not API.
 */
public final class ClassVersions {

  /** Class file major version of Java 8 is 52: the feature release is the major version minus 44. */
  private static final int JAVA_OFFSET = 44;
  private static final int RUNTIME_MAJOR = Runtime.version().feature() + JAVA_OFFSET;

  /**
   * A class entry of a jar and the Java version it needs.
   *
   * @param entry the entry's name in the jar, e.g. {@code com/acme/Helper.class}
   * @param major its class file major version, e.g. 65
   */
  public record Newer(String entry, int major) {

    /** The Java feature release the class was compiled for: 21 for major version 65. */
    public int java() {
      return major - JAVA_OFFSET;
    }

    /**
     * The reason to refuse the jar, after its name: {@code holds com/acme/Helper.class, compiled
     * for Java 21 (class file version 65), newer than this Java 17: ...}.
     */
    public String reason() {
      int runtime = Runtime.version().feature();
      return "holds " + entry + ", compiled for Java " + java() + " (class file version " + major
          + "), newer than this Java " + runtime + ", which cannot load it (UnsupportedClassVersionError"
          + " when it is first loaded); build the plugin for Java " + runtime + " or older (javac"
          + " --release " + runtime + ", and its bundled libraries too), or run on Java " + java() + " or newer";
    }
  }

  private ClassVersions() {}

  /**
   * The first class entry of {@code zip} (in the jar's order) that this JVM cannot load for its
   * version, or null. Skips {@code META-INF/versions/**} (a multi-release jar's classes for newer
   * Javas, which this JVM does not pick) and {@code module-info.class} (a class path loader never
   * loads it); an entry too short to be a class file, or not one, is left to the JVM to refuse.
   */
  public static Newer firstNewer(ZipFile zip) throws IOException {
    byte[] header = new byte[8];
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      ZipEntry entry = entries.nextElement();
      String name = entry.getName();
      if (entry.isDirectory() || !name.endsWith(".class") || name.startsWith("META-INF/versions/")
          || name.endsWith("module-info.class")) {
        continue;
      }
      int major;
      try (InputStream in = zip.getInputStream(entry)) {
        if (in.readNBytes(header, 0, 8) < 8 || (header[0] & 0xff) != 0xca || (header[1] & 0xff) != 0xfe
            || (header[2] & 0xff) != 0xba || (header[3] & 0xff) != 0xbe) {
          continue;
        }
        major = (header[6] & 0xff) << 8 | header[7] & 0xff;
      }
      if (major > RUNTIME_MAJOR) {
        return new Newer(name, major);
      }
    }
    return null;
  }
}
