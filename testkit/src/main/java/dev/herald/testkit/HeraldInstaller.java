package dev.herald.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Starts Herald in the test JVM once: by attaching the agent jar (its {@code agentmain}) with the
 * requested config, unless the JVM was started with {@code -javaagent:...herald...}.
 *
 * <p>No class of {@code dev.herald.api} may be touched before the attach: the agent puts the API on
 * the bootstrap class path, and a copy loaded earlier from the test class path would be a
 * different {@code Herald}, never installed. Safe for concurrent use (one lock).
 */
final class HeraldInstaller {

  /** The system property naming the agent jar for attaching. */
  static final String AGENT_JAR_PROPERTY = "herald.agent.jar";
  /** The environment variable naming the agent jar, when the property is not set. */
  static final String AGENT_JAR_ENV = "HERALD_AGENT_JAR";

  private static String installedWith; // the settings Herald was attached with; null if not attached here

  private HeraldInstaller() {}

  /**
   * Makes sure Herald runs with {@code settings}; null settings accept whatever runs.
   *
   * @throws IllegalStateException saying what to do, if it cannot
   */
  static synchronized void ensure(HeraldSettings settings) {
    String wanted = settings == null ? null : describe(settings);
    if (startedByJavaagent()) {
      if (wanted != null) {
        throw new IllegalStateException("Herald was started by -javaagent, with its own config; remove "
            + "@HeraldSettings (" + wanted + ") or the -javaagent flag");
      }
      return;
    }
    if (installedWith != null) {
      if (wanted != null && !wanted.equals(installedWith)) {
        throw new IllegalStateException("Herald already runs in this test JVM with " + installedWith
            + "; it starts once per JVM, so it cannot switch to " + wanted
            + ". Use the same settings in every test class, or fork a JVM per class (surefire reuseForks=false)");
      }
      return;
    }
    if (wanted == null) {
      throw new IllegalStateException("Herald is not running: add @HeraldSettings(file = ...) or (yaml = ...) to the "
          + "test class, or run the test JVM with -javaagent:herald-agent.jar=<herald.yaml>");
    }
    attach(settings);
    installedWith = wanted;
  }

  private static void attach(HeraldSettings settings) {
    String jar = System.getProperty(AGENT_JAR_PROPERTY, System.getenv(AGENT_JAR_ENV));
    if (jar == null || !new File(jar).isFile()) {
      throw new IllegalStateException("the Herald agent jar is needed to install Herald: set -D" + AGENT_JAR_PROPERTY
          + "=<path to herald-agent.jar> (e.g. in surefire's systemPropertyVariables) or " + AGENT_JAR_ENV
          + (jar == null ? "" : "; " + jar + " is not a file"));
    }
    Path config = configFile(settings);
    ByteBuddyAgent.attach(new File(jar), Long.toString(ProcessHandle.current().pid()), config.toString());
    // How the start went, as the agent leaves it (AgentStarter in the agent jar, which the test
    // class path does not have): unset after a rejected config, with the reason beside it.
    String outcome = System.getProperty("herald.agent");
    if (outcome == null) {
      throw new IllegalStateException("Herald did not start: it rejected the config of @HeraldSettings("
          + describe(settings) + "): " + System.getProperty("herald.agent.rejected", "see standard error"));
    }
    if (outcome.contains("failed")) {
      throw new IllegalStateException("Herald did not start (" + outcome + "); standard error says why");
    }
  }

  private static Path configFile(HeraldSettings settings) {
    try {
      if (!settings.file().isEmpty()) {
        if (!settings.file().startsWith("classpath:")) {
          return Path.of(settings.file()).toAbsolutePath();
        }
        String resource = settings.file().substring("classpath:".length());
        URL url = Thread.currentThread().getContextClassLoader().getResource(resource);
        if (url == null) {
          throw new IllegalStateException("no " + resource + " on the test class path (@HeraldSettings(file = \""
              + settings.file() + "\"))");
        }
        if (url.getProtocol().equals("file")) {
          // the file itself: errors then name a file that exists, and relative paths in it resolve beside it
          return Path.of(url.toURI());
        }
        try (InputStream in = url.openStream()) {
          return temporary(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
      return temporary(settings.yaml());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path temporary(String yaml) throws IOException {
    Path file = Files.createTempFile("herald-test", ".yaml");
    file.toFile().deleteOnExit();
    return Files.writeString(file, yaml);
  }

  private static boolean startedByJavaagent() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .anyMatch(arg -> arg.startsWith("-javaagent:") && arg.contains("herald"));
  }

  private static String describe(HeraldSettings settings) {
    return !settings.file().isEmpty() ? "file " + settings.file() : "yaml \"" + settings.yaml().strip() + "\"";
  }
}
