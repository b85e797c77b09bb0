package dev.herald.agent.instrument;

import java.io.InputStream;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.jar.asm.ClassReader;

/**
 * Tells, from class files alone, whether a class is covered (it or a supertype is configured),
 * without Byte Buddy's type descriptions: a class file's header (its constant pool) names its
 * supertypes, and supertypes' class files are read through the loading class loader. Decides
 * which loading classes Byte Buddy sees at all: it must answer true for every class that Byte
 * Buddy's matcher would find covered (it may answer true for more).
 *
 * <p>Safe for concurrent use; results are memoised by class name, and forgotten when the services
 * change ({@link ServiceMatcher#use}).
 */
final class ClassHeaders {

  /** Deeper than any real hierarchy; only a cycle in broken class files gets there. */
  private static final int MAX_DEPTH = 100;

  private final ServiceMatcher matcher;
  private volatile Memo memo;

  ClassHeaders(ServiceMatcher matcher) {
    this.matcher = matcher;
    this.memo = new Memo(matcher.index());
  }

  /** True if a covered class loaded before named {@code name} as its base (see {@link ServiceMatcher}). */
  boolean knownBase(String name) {
    return matcher.isKnownBase(name);
  }

  /** True if the class defined by {@code bytes} is, or may be, covered. */
  boolean covered(String name, byte[] bytes, ClassLoader loader) {
    Memo current = memo;
    if (current.index != matcher.index()) { // the services changed: forget what was decided before
      current = new Memo(matcher.index());
      memo = current;
    }
    Boolean known = current.covered.get(name); // often known: a supertype of a class that loaded before
    if (known != null) {
      return known;
    }
    boolean result;
    try {
      result = current.index.entryNaming(name) != null
          || supertypesCovered(current, new ClassReader(bytes), loader, 0);
    } catch (RuntimeException unreadable) {
      return true; // let Byte Buddy decide
    }
    // remembered for its subclasses, which then need not read this class file again
    current.covered.put(name, result);
    return result;
  }

  private static boolean coveredByName(Memo current, String name, ClassLoader loader, int depth) {
    if (ServiceIndex.isPlatform(name)) {
      return false;
    }
    if (depth > MAX_DEPTH) {
      return true; // broken class files that name each other as supertypes: let Byte Buddy decide
    }
    Boolean known = current.covered.get(name);
    if (known != null) {
      return known;
    }
    boolean result = current.index.entryNaming(name) != null || supertypesCovered(current, name, loader, depth);
    current.covered.put(name, result);
    return result;
  }

  private static boolean supertypesCovered(Memo current, String name, ClassLoader loader, int depth) {
    try (InputStream in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
      return in != null && supertypesCovered(current, new ClassReader(in.readAllBytes()), loader, depth);
    } catch (Exception unreadable) {
      return false;
    }
  }

  private static boolean supertypesCovered(Memo current, ClassReader header, ClassLoader loader, int depth) {
    String superName = header.getSuperName();
    if (superName != null && coveredByName(current, superName.replace('/', '.'), loader, depth + 1)) {
      return true;
    }
    for (String face : header.getInterfaces()) {
      if (coveredByName(current, face.replace('/', '.'), loader, depth + 1)) {
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
