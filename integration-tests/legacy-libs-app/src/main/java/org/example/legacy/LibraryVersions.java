package org.example.legacy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Properties;

/**
 * Tells which version of a library a class was loaded from, by reading the Maven {@code
 * pom.properties} next to that very class (in the same jar), so that another copy of the library
 * elsewhere on the class path cannot answer in its place.
 */
final class LibraryVersions {

  private LibraryVersions() {}

  /** The version of {@code groupId:artifactId} that holds {@code type}, or "unknown". */
  static String of(Class<?> type, String groupId, String artifactId) {
    String classFile = type.getName().replace('.', '/') + ".class";
    URL classUrl = type.getClassLoader().getResource(classFile);
    if (classUrl == null) {
      return "unknown";
    }
    String base = classUrl.toString();
    base = base.substring(0, base.length() - classFile.length());
    String pom = base + "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
    Properties properties = new Properties();
    try (InputStream in = new URL(pom).openStream()) {
      properties.load(in);
    } catch (IOException e) {
      return "unknown";
    }
    return properties.getProperty("version", "unknown");
  }
}
