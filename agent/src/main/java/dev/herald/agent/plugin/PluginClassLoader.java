package dev.herald.agent.plugin;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * The class loader of one plugin jar, named {@code herald-plugin:<file name>} so that stack traces
 * and thread dumps say which jar a class came from.
 *
 * <p>Its parent sees the Herald API and the JDK only (the platform loader, which reaches the API on
 * the bootstrap class path), never the application's or the agent's classes: a plugin may bring
 * its own libraries in any version without clashing with anyone's. Parent-first delegation is
 * enough, since the parent holds nothing a plugin could want to override.
 */
final class PluginClassLoader extends URLClassLoader {

  static {
    registerAsParallelCapable();
  }

  PluginClassLoader(Path jar, String fileName, ClassLoader apiLoader) throws MalformedURLException {
    super("herald-plugin:" + fileName, new URL[] {jar.toUri().toURL()}, apiLoader);
  }
}
