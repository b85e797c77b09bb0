package dev.herald.agent.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds a class in a plugin jar compiled for a newer Java than the one running, from each class
 * file's version (its bytes 6-7). A plugin class (one its service file names) that is newer cannot
 * start: the jar is refused, with the class named. Any other newer class is told about, not
 * refused: the JVM loads classes lazily, so a helper built for Java 21 inside a plugin built for 17
 * passes the start and then fails every event with {@code UnsupportedClassVersionError}, but a
 * library may also ship classes for newer Javas that it loads only there (jline's FFM terminal, for
 * Java 22), and refusing those would refuse a plugin that works. Used by the agent and by {@code
 * check}, so that both decide alike. Public for {@code check}; not API.
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

    /**
     * The caution for a class other than a plugin class: {@code holds com/acme/Helper.class, compiled for
     * Java 21 (...)}: loaded, it fails; fine if a library loads it only on a newer Java.
     */
    public String caution() {
      int runtime = Runtime.version().feature();
      return "holds " + entry + ", compiled for Java " + java() + " (class file version " + major
          + "), newer than this Java " + runtime + ": if the plugin loads it, that fails (UnsupportedClassVersionError),"
          + " at every event for a listener that needs it. Fine if it is a library's part for newer Javas, which"
          + " the library loads only there; otherwise build the plugin and its bundled libraries for Java " + runtime
          + " (javac --release " + runtime + ")";
    }
  }

  private static final String SERVICES = "META-INF/services/dev.herald.api.HeraldPlugin";

  private ClassVersions() {}

  /** The entries of the classes {@code zip}'s service file names, e.g. {@code com/acme/AuditPlugin.class}. */
  public static Set<String> pluginClassEntries(ZipFile zip) throws IOException {
    Set<String> entries = new HashSet<>();
    ZipEntry services = zip.getEntry(SERVICES);
    if (services == null) {
      return entries;
    }
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(zip.getInputStream(services), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        int comment = line.indexOf('#');
        String name = (comment < 0 ? line : line.substring(0, comment)).strip();
        if (!name.isEmpty()) {
          entries.add(name.replace('.', '/') + ".class");
        }
      }
    }
    return entries;
  }

  /** As {@link #firstNewer(ZipFile)}, among the entries {@code which} accepts. */
  public static Newer firstNewer(ZipFile zip, Predicate<String> which) throws IOException {
    byte[] header = new byte[8];
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      ZipEntry entry = entries.nextElement();
      String name = entry.getName();
      if (entry.isDirectory() || !name.endsWith(".class") || name.startsWith("META-INF/versions/")
          || name.endsWith("module-info.class") || !which.test(name)) {
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

  /**
   * The first class entry of {@code zip} (in the jar's order) that this JVM cannot load for its
   * version, or null. Skips {@code META-INF/versions/**} (a multi-release jar's classes for newer
   * Javas, which this JVM does not pick) and {@code module-info.class} (a class path loader never
   * loads it); an entry too short to be a class file, or not one, is left to the JVM to refuse.
   */
  public static Newer firstNewer(ZipFile zip) throws IOException {
    return firstNewer(zip, name -> true);
  }

}
