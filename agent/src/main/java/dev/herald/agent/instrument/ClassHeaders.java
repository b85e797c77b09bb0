package dev.herald.agent.instrument;

import java.io.InputStream;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.jar.asm.ClassReader;

/**
 * Tells, from class files alone, whether a class is covered (it or a supertype is configured),
 * without Byte Buddy's type descriptions: a class file's header (its constant pool) names its
 * supertypes, and supertypes' class files are read through the loading class loader. Used while
 * Byte Buddy is still starting, so that start-up does not wait for it.
 *
 * <p>Safe for concurrent use; results are memoised by class name.
 */
final class ClassHeaders {

  private final ServiceIndex index;
  private final ConcurrentHashMap<String, Boolean> covered = new ConcurrentHashMap<>();

  ClassHeaders(ServiceIndex index) {
    this.index = index;
  }

  /** True if the class defined by {@code bytes} is, or may be, covered. */
  boolean covered(String name, byte[] bytes, ClassLoader loader) {
    if (index.entryNaming(name) != null) {
      return true;
    }
    try {
      ClassReader header = new ClassReader(bytes);
      return supertypesCovered(header, loader);
    } catch (RuntimeException unreadable) {
      return true; // let Byte Buddy decide
    }
  }

  private boolean coveredByName(String name, ClassLoader loader) {
    if (ServiceIndex.isPlatform(name)) {
      return false;
    }
    Boolean known = covered.get(name);
    if (known != null) {
      return known;
    }
    boolean result = index.entryNaming(name) != null || supertypesCovered(name, loader);
    covered.put(name, result);
    return result;
  }

  private boolean supertypesCovered(String name, ClassLoader loader) {
    try (InputStream in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
      return in != null && supertypesCovered(new ClassReader(in.readAllBytes()), loader);
    } catch (Exception unreadable) {
      return false;
    }
  }

  private boolean supertypesCovered(ClassReader header, ClassLoader loader) {
    String superName = header.getSuperName();
    if (superName != null && coveredByName(superName.replace('/', '.'), loader)) {
      return true;
    }
    for (String face : header.getInterfaces()) {
      if (coveredByName(face.replace('/', '.'), loader)) {
        return true;
      }
    }
    return false;
  }
}
