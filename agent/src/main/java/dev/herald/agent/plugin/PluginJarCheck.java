package dev.herald.agent.plugin;

import dev.herald.agent.log.AgentLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.slf4j.Logger;

/**
 * Checks a plugin jar before any of its classes is loaded: it must be a zip file, it must not
 * bundle its own copy of the Herald API, and each of its classes must be loadable by this JVM's
 * version ({@link ClassVersions}). A second copy of {@code dev.herald.api} in the plugin's
 * loader would never be used (the parent's wins), and if it ever were, the plugin's {@code
 * HeraldPlugin} would not be the agent's, so refusing it with a clear reason beats a puzzling
 * {@code ClassCastException} or a plugin that silently is not found.
 */
final class PluginJarCheck {

  private static final Logger log = AgentLog.get(PluginJarCheck.class);
  private static final String API_FOLDER = "dev/herald/api/";
  // a multi-release jar may hide its copy of the API under META-INF/versions/<n>/
  private static final Pattern VERSIONED = Pattern.compile("^META-INF/versions/\\d+/");

  private PluginJarCheck() {}

  /** True if {@code file} may be loaded; otherwise logs an ERROR naming {@code display} and why. */
  static boolean acceptable(Path file, String display) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      String apiEntry = firstApiEntry(zip);
      if (apiEntry != null) {
        log.error("{} bundles its own copy of the Herald API ({}); build it with herald-api in"
            + " 'provided' scope. Skipped.", display, apiEntry);
        return false;
      }
      Set<String> pluginClasses = ClassVersions.pluginClassEntries(zip);
      ClassVersions.Newer newer = ClassVersions.firstNewer(zip, pluginClasses::contains);
      if (newer != null) {
        log.error("{} {}. Skipped.", display, newer.reason());
        return false;
      }
      ClassVersions.Newer other = ClassVersions.firstNewer(zip);
      if (other != null) {
        log.warn("{} {}", display, other.caution());
      }
      return true;
    } catch (ZipException | IllegalArgumentException e) {
      // IllegalArgumentException: entry names that are not valid in the zip's encoding
      log.error("{} is not a jar file ({}); skipped", display, e.getMessage());
      return false;
    } catch (IOException e) {
      log.error("{} cannot be read ({}); skipped", display, e.toString());
      return false;
    }
  }

  private static String firstApiEntry(ZipFile zip) {
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      ZipEntry entry = entries.nextElement();
      String name = entry.getName();
      if (name.startsWith("META-INF/versions/")) { // a regex per entry costs a jar of thousands
        name = VERSIONED.matcher(name).replaceFirst("");
      }
      // an empty directory entry bundles nothing; classes and resources do
      if (name.startsWith(API_FOLDER) && !entry.isDirectory()) {
        return entry.getName();
      }
    }
    return null;
  }
}
