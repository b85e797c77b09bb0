package dev.herald.it.hardening;

import dev.herald.api.Herald;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The built files the tests run, from the system properties that this module's pom passes to
 * surefire. Each accessor fails naming the missing file and the build that makes it. Stateless.
 */
final class Artifacts {

  private Artifacts() {}

  /** {@code agent/${agent.buildDir}/herald-agent.jar}. */
  static Path agentJar() {
    return existing("herald.it.agentJar", "the agent jar");
  }

  /** This module's classes folder: the applications and the shapes corpus. */
  static Path appClasses() {
    return existing("herald.it.appClasses", "the hardening applications' classes");
  }

  /** Where the herald-api classes the tests compile against live: for plugins, and runs without the agent. */
  static Path apiClasses() {
    try {
      return Path.of(Herald.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the herald-api classes", e);
    }
  }

  private static Path existing(String property, String what) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + property + " (" + what
          + ") is not set: run the tests through Maven (mvn -B verify)");
    }
    Path path = Path.of(value).toAbsolutePath().normalize();
    if (!Files.exists(path)) {
      throw new IllegalStateException(what + " is missing at " + path
          + ": build it first (mvn -B -q install -DskipTests at the root)");
    }
    return path;
  }
}
