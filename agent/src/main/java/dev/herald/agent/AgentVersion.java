package dev.herald.agent;

import java.io.File;
import java.util.jar.JarFile;

/**
 * The version of the agent jar, from its manifest's {@code Implementation-Version}: in the start
 * line and {@code java -jar herald-agent.jar version}, so that a bug report can say which build ran.
 */
public final class AgentVersion {

  private AgentVersion() {}

  /** The jar's version, or {@code "unknown"} when the jar or its manifest cannot tell. */
  public static String of(File jar) {
    if (jar == null || !jar.isFile()) {
      return "unknown";
    }
    // read only when asked (off the application's start): the manifest is not needed to run
    try (JarFile file = new JarFile(jar, false)) {
      String version = file.getManifest() == null ? null
          : file.getManifest().getMainAttributes().getValue("Implementation-Version");
      return version == null || version.isBlank() ? "unknown" : version.strip();
    } catch (Exception | LinkageError unreadable) {
      return "unknown";
    }
  }
}
