package dev.herald.agent.instrument;

import dev.herald.agent.config.ServiceEntry;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The loaded classes a change of the services must retransform: those instrumented now (to be
 * restored or woven again), those a new entry covers, and the bases those inherit write methods
 * from. Worked out with the same rules as class loading ({@link ServiceCoverage}), from the loaded
 * {@link Class} objects.
 *
 * <p>Not thread-safe; one instance per change.
 */
final class AffectedClasses {

  private final ServiceCoverage<Class<?>> next;
  private final Set<String> bases = new HashSet<>();
  private final List<Class<?>> classes = new ArrayList<>();

  private AffectedClasses(List<ServiceEntry> next) {
    this.next = new ServiceCoverage<>(next, Class::getName, ServiceCoverage::supertypesOf);
  }

  /**
   * @param instrumented names of the classes instrumented under the config in force
   */
  static AffectedClasses find(Instrumentation inst, List<ServiceEntry> next, Set<String> instrumented) {
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
      if (result.covered(type) || result.bases.contains(name) || instrumented.contains(name)) {
        result.classes.add(type);
      }
    }
    return result;
  }

  /**
   * True if any of {@code loaded} could be a service: at start, only what another agent's premain
   * loaded before Herald's, so the full look (and its lambdas) is mostly skipped.
   */
  static boolean anyCandidate(Class<?>[] loaded) {
    for (Class<?> type : loaded) {
      if (candidate(type)) {
        return true;
      }
    }
    return false;
  }

  /** The classes to retransform. */
  List<Class<?>> classes() {
    return classes;
  }

  /** Names of loaded classes that are bases under the new config. */
  Set<String> bases() {
    return bases;
  }

  private static boolean candidate(Class<?> type) {
    String name = type.getName();
    return type.getClassLoader() != null && !type.isArray() && !type.isPrimitive() && !type.isAnnotation()
        && !type.isHidden() && !ServiceIndex.isGenerated(name) && !ServiceIndex.isPlatform(name);
  }

  private boolean covered(Class<?> type) {
    try {
      return next.covered(type);
    } catch (LinkageError unresolvable) {
      return false;
    }
  }

  private void collectBases(Class<?> type) {
    for (Class<?> supertype : ServiceCoverage.supertypesOf(type)) {
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
