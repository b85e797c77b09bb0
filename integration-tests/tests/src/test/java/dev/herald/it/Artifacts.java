package dev.herald.it;

import dev.herald.api.Herald;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The built jars and folders the integration tests run, located from the system properties that
 * {@code integration-tests/tests/pom.xml} passes to surefire.
 *
 * <p>Each accessor fails with an {@link IllegalStateException} naming the missing file and the
 * build that makes it, so that a test run before the build says so instead of a confusing JVM
 * error. Stateless and safe for concurrent use.
 */
final class Artifacts {

  private Artifacts() {}

  /** {@code agent/${buildDir}/herald-agent.jar}: the {@code -javaagent} jar. */
  static Path agentJar() {
    return existing("herald.it.agentJar", "the agent jar");
  }

  /** {@code integration-tests/recorder-plugin/${buildDir}/recorder-plugin.jar}: the plugin that records events as JSON lines. */
  static Path recorderPlugin() {
    return existing("herald.it.recorderPlugin", "the recorder plugin jar");
  }

  /** {@code integration-tests/shapes-app/${buildDir}/shapes-app.jar}: self-contained, {@code java -jar shapes-app.jar <scenario>...}. */
  static Path shapesApp() {
    return existing("herald.it.shapesApp", "the shapes application jar");
  }

  /** {@code integration-tests/legacy-libs-app/${buildDir}/legacy-libs-app.jar}. */
  static Path legacyLibsApp() {
    return existing("herald.it.legacyLibsApp", "the legacy-libs application jar");
  }

  /** {@code integration-tests/spring-boot-app/${buildDir}/spring-boot-app.jar}. */
  static Path springBootApp() {
    return existing("herald.it.springBootApp", "the Spring Boot application jar");
  }

  /** {@code examples/demo-app/${buildDir}/demo}: the demo application's runnable folder. */
  static Path demoDir() {
    return existing("herald.it.demoDir", "the demo application folder");
  }

  /** {@code examples/console-plugin/${buildDir}/console-plugin.jar}. */
  static Path consolePlugin() {
    return existing("herald.it.consolePlugin", "the console plugin jar");
  }

  /** {@code examples/audit-log-plugin/${buildDir}/audit-log-plugin.jar}. */
  static Path auditLogPlugin() {
    return existing("herald.it.auditLogPlugin", "the audit-log plugin jar");
  }

  /** The OpenTelemetry Java agent, copied from Maven Central by this module's build. */
  static Path openTelemetryAgent() {
    return existing("herald.it.otelAgent", "the OpenTelemetry Java agent jar");
  }

  /**
   * Where the herald-api classes the tests compile against live (a jar, or a classes folder when
   * the reactor resolves the module without packaging it): for compiling and jarring test plugins.
   */
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
      throw new IllegalStateException(
          "system property " + property + " (" + what + ") is not set: run the tests through Maven,"
              + " from the root: mvn -B verify");
    }
    Path path = Path.of(value).toAbsolutePath().normalize();
    if (!Files.exists(path)) {
      throw new IllegalStateException(
          what + " is missing at " + path + ": build it with mvn install first (mvn -B -q install -DskipTests at the root)");
    }
    return path;
  }
}
