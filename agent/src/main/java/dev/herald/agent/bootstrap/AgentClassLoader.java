package dev.herald.agent.bootstrap;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.AllPermission;
import java.security.CodeSource;
import java.security.PermissionCollection;
import java.security.Permissions;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent's implementation and its relocated libraries from the {@code inst/} folder of
 * the agent jar, where classes are stored as {@code .classdata} so that no other class loader, and
 * no classpath scanner, ever finds them.
 *
 * <p>Its parent is the platform class loader (which sees the bootstrap class path, hence the
 * API), never the application's: the agent neither sees nor disturbs the application's libraries.
 */
final class AgentClassLoader extends ClassLoader {

  static {
    registerAsParallelCapable();
  }

  private static final String PREFIX = "inst/";

  private final JarFile jar;
  private final URL base;
  private final ProtectionDomain domain;

  AgentClassLoader(File jarFile, ClassLoader parent) throws IOException {
    super("herald-agent", parent);
    this.jar = new JarFile(jarFile, false);
    this.base = jarFile.toURI().toURL();
    this.domain = new ProtectionDomain(new CodeSource(base, (Certificate[]) null), allPermission(), this, null);
  }

  /**
   * Under a security manager, the agent's classes may do what its classes on the bootstrap class
   * path (the API, this loader) may already do: the agent is code the JVM's owner gave on the command
   * line ({@code -javaagent}) or attached, as trusted as the JDK. Without this a policy that does not
   * name the agent jar refuses its first property read, and Herald does not start. Plugins load in
   * their own loaders and get only what the policy grants them.
   */
  private static PermissionCollection allPermission() {
    Permissions permissions = new Permissions();
    permissions.add(new AllPermission());
    permissions.setReadOnly();
    return permissions;
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + ".classdata");
    if (entry == null) {
      throw new ClassNotFoundException(name);
    }
    byte[] bytes;
    try (InputStream in = jar.getInputStream(entry)) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
    definePackageOf(name);
    return defineClass(name, bytes, 0, bytes.length, domain);
  }

  private void definePackageOf(String className) {
    int dot = className.lastIndexOf('.');
    if (dot > 0) {
      String pkg = className.substring(0, dot);
      if (getDefinedPackage(pkg) == null) {
        try {
          definePackage(pkg, null, null, null, "Herald", null, null, null);
        } catch (IllegalArgumentException raced) {
          // another thread defined it first
        }
      }
    }
  }

  @Override
  protected URL findResource(String name) {
    String path = name.endsWith(".class")
        ? PREFIX + name.substring(0, name.length() - ".class".length()) + ".classdata"
        : PREFIX + name;
    if (jar.getJarEntry(path) == null) {
      return null;
    }
    try {
      return new URL("jar:" + base + "!/" + path);
    } catch (MalformedURLException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL url = findResource(name);
    return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singleton(url));
  }
}
