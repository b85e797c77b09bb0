package dev.herald.agent.plugin;

import dev.herald.api.HeraldPlugin;

/**
 * Stands in, in tests, for the platform class loader of a real run: there the API is on the
 * bootstrap class path, here it is on the test class path. Sees {@code dev.herald.api.*} (from
 * the test's loader, so that the classes are the test's own) and the JDK, nothing else.
 */
final class ApiOnlyClassLoader extends ClassLoader {

  static {
    registerAsParallelCapable();
  }

  private final ClassLoader api = HeraldPlugin.class.getClassLoader();

  ApiOnlyClassLoader() {
    super("api-only", ClassLoader.getPlatformClassLoader());
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith("dev.herald.api.")) {
      return api.loadClass(name);
    }
    return super.loadClass(name, resolve);
  }
}
