package dev.herald.agent.instrument;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The loaded classes a change of the services must retransform: those instrumented now (to be
 * restored or woven again), those a new entry covers, and the bases those inherit write methods
 * from. Worked out with the same rules as class loading ({@link ServiceIndex}), from the loaded
 * {@link Class} objects.
 *
 * <p>Not thread-safe; one instance per change.
 */
final class AffectedClasses {

  private final ServiceIndex next;
  private final Map<Class<?>, Boolean> covered = new HashMap<>();
  private final Set<String> bases = new HashSet<>();
  private final List<Class<?>> classes = new ArrayList<>();
  private int newlyCovered;

  private AffectedClasses(ServiceIndex next) {
    this.next = next;
  }

  /**
   * @param instrumented names of the classes instrumented under the config in force
   */
  static AffectedClasses find(Instrumentation inst, ServiceIndex next, Set<String> instrumented) {
    AffectedClasses result = new AffectedClasses(next);
    Class<?>[] loaded = inst.getAllLoadedClasses();
    for (Class<?> type : loaded) {
      if (result.candidate(type) && result.covered(type)) {
        result.collectBases(type);
      }
    }
    for (Class<?> type : loaded) {
      if (!result.candidate(type) || !inst.isModifiableClass(type)) {
        continue;
      }
      String name = type.getName();
      boolean nowCovered = result.covered(type);
      if (nowCovered || result.bases.contains(name) || instrumented.contains(name)) {
        result.classes.add(type);
        if (nowCovered && !instrumented.contains(name)) {
          result.newlyCovered++;
        }
      }
    }
    return result;
  }

  /** The classes to retransform. */
  List<Class<?>> classes() {
    return classes;
  }

  /** Names of loaded classes that are bases under the new config. */
  Set<String> bases() {
    return bases;
  }

  /** How many loaded classes the new config covers that were not instrumented before. */
  int newlyCovered() {
    return newlyCovered;
  }

  private boolean candidate(Class<?> type) {
    String name = type.getName();
    return type.getClassLoader() != null && !type.isArray() && !type.isPrimitive() && !type.isAnnotation()
        && !type.isHidden() && !ServiceIndex.isGenerated(name) && !ServiceIndex.isPlatform(name);
  }

  private boolean covered(Class<?> type) {
    if (type == null || ServiceIndex.isPlatform(type.getName())) {
      return false;
    }
    Boolean known = covered.get(type);
    if (known != null) {
      return known;
    }
    covered.put(type, false); // a cycle cannot happen in a valid hierarchy; this only guards it
    boolean result;
    try {
      result = next.entryNaming(type.getName()) != null || covered(type.getSuperclass()) || anyCovered(type);
    } catch (LinkageError unresolvable) {
      result = false;
    }
    covered.put(type, result);
    return result;
  }

  private boolean anyCovered(Class<?> type) {
    for (Class<?> face : type.getInterfaces()) {
      if (covered(face)) {
        return true;
      }
    }
    return false;
  }

  private void collectBases(Class<?> type) {
    List<Class<?>> supertypes = new ArrayList<>();
    if (type.getSuperclass() != null) {
      supertypes.add(type.getSuperclass());
    }
    supertypes.addAll(List.of(type.getInterfaces()));
    for (Class<?> supertype : supertypes) {
      String name = supertype.getName();
      if (ServiceIndex.isPlatform(name) || ServiceIndex.isGenerated(name)) {
        continue;
      }
      if (!covered(supertype)) {
        bases.add(name);
      }
      collectBases(supertype);
    }
  }
}
