package dev.herald.it.reliability;

import dev.herald.it.reliability.app.ReliabilityApp;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The built files the tests use: the agent jar, from the system property the pom passes to
 * surefire, and this module's test classes, where the application and the probe plugins live.
 * Stateless.
 */
final class Artifacts {

  private Artifacts() {}

  /** {@code agent/${buildDir}/herald-agent.jar}. */
  static Path agentJar() {
    String value = System.getProperty("herald.it.agentJar");
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property herald.it.agentJar is not set: run the tests"
          + " through Maven, from the root: mvn -B verify");
    }
    Path jar = Path.of(value).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("the agent jar is missing at " + jar
          + ": build it first (mvn -B -q install -DskipTests at the root)");
    }
    return jar;
  }

  /** The folder this module's test classes were compiled to: the application's class path. */
  static Path testClasses() {
    try {
      return Path.of(ReliabilityApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the test classes", e);
    }
  }
}
