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
 * <p>Safe for concurrent use; results are memoised by class name, and forgotten when the services
 * change ({@link #use}).
 */
final class ClassHeaders {

  private final ServiceMatcher matcher;
  private volatile Memo memo;

  ClassHeaders(ServiceMatcher matcher) {
    this.matcher = matcher;
    this.memo = new Memo(matcher.index());
  }

  /** True if the class defined by {@code bytes} is, or may be, covered. */
  boolean covered(String name, byte[] bytes, ClassLoader loader) {
    Memo current = memo;
    if (current.index != matcher.index()) { // the services changed: forget what was decided before
      current = new Memo(matcher.index());
      memo = current;
    }
    if (current.index.entryNaming(name) != null) {
      return true;
    }
    try {
      ClassReader header = new ClassReader(bytes);
      return supertypesCovered(current, header, loader);
    } catch (RuntimeException unreadable) {
      return true; // let Byte Buddy decide
    }
  }

  private static boolean coveredByName(Memo current, String name, ClassLoader loader) {
    if (ServiceIndex.isPlatform(name)) {
      return false;
    }
    Boolean known = current.covered.get(name);
    if (known != null) {
      return known;
    }
    boolean result = current.index.entryNaming(name) != null || supertypesCovered(current, name, loader);
    current.covered.put(name, result);
    return result;
  }

  private static boolean supertypesCovered(Memo current, String name, ClassLoader loader) {
    try (InputStream in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
      return in != null && supertypesCovered(current, new ClassReader(in.readAllBytes()), loader);
    } catch (Exception unreadable) {
      return false;
    }
  }

  private static boolean supertypesCovered(Memo current, ClassReader header, ClassLoader loader) {
    String superName = header.getSuperName();
    if (superName != null && coveredByName(current, superName.replace('/', '.'), loader)) {
      return true;
    }
    for (String face : header.getInterfaces()) {
      if (coveredByName(current, face.replace('/', '.'), loader)) {
        return true;
      }
    }
    return false;
  }

  private record Memo(ServiceIndex index, ConcurrentHashMap<String, Boolean> covered) {
    Memo(ServiceIndex index) {
      this(index, new ConcurrentHashMap<>());
    }
  }
}
