package dev.herald.agent.instrument;

import java.security.ProtectionDomain;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.utility.JavaModule;

/**
 * Decides, as each class loads, whether to instrument it: a class is instrumented when it or one
 * of its supertypes is configured ("covered"), or when it is a supertype of a covered class whose
 * write methods that class inherits (a "base": {@code BaseService} under a configured {@code
 * AccountService}). Which entity a call emits with is decided at run time from the receiver's
 * class, so one base serves several configured subclasses.
 *
 * <p>A base usually loads just after the covered class that names it (the JVM loads a superclass
 * while defining the subclass, after this matcher has run), so registering it here is enough; one
 * that loaded earlier is reported to {@code onNewBase}, which retransforms it.
 *
 * <p>The entries can be replaced while the application runs ({@link #use}); the index, the memoised
 * results and the known bases are swapped as one, so a decision never mixes two configs.
 *
 * <p>Safe for concurrent use. Results are memoised by class name.
 */
final class ServiceMatcher implements AgentBuilder.RawMatcher {

  private final BiConsumer<String, ClassLoader> onNewBase;
  private volatile State state;

  ServiceMatcher(ServiceIndex index, BiConsumer<String, ClassLoader> onNewBase) {
    this.state = new State(index, Set.of());
    this.onNewBase = onNewBase;
  }

  /**
   * Decides with {@code index} from now on, forgetting earlier decisions.
   *
   * @param knownBases classes already loaded that are bases under {@code index}: their subclasses
   *     loaded before the change, so the matcher would not learn of them as they load
   */
  void use(ServiceIndex index, Set<String> knownBases) {
    state = new State(index, knownBases);
  }

  /** Adds loaded classes found to be bases under the index in force, since their subclasses are loaded already. */
  void addKnownBases(Set<String> names) {
    state.bases.addAll(names);
  }

  ServiceIndex index() {
    return state.index;
  }

  /**
   * True if {@code className} is known as a base under the index in force: a covered subclass
   * named it as it loaded (just before the base itself loads), or it was found among loaded classes.
   */
  boolean isKnownBase(String className) {
    return state.bases.contains(className);
  }

  /** True if some entry maps {@code methodName}: only such methods are woven. */
  boolean mapsMethod(String methodName) {
    return state.index.mapsMethod(methodName);
  }

  @Override
  public boolean matches(TypeDescription type, ClassLoader loader, JavaModule module,
      Class<?> classBeingRedefined, ProtectionDomain protectionDomain) {
    String name = type.getName();
    if (loader == null || ServiceIndex.isGenerated(name) || ServiceIndex.isPlatform(name)
        || type.isAnnotation()) {
      return false;
    }
    State current = state;
    if (covered(current, type)) {
      registerBases(current, type, loader);
      return true;
    }
    return current.bases.contains(name);
  }

  /** True if {@code type} or a supertype is configured. */
  boolean covered(TypeDescription type) {
    return covered(state, type);
  }

  private static boolean covered(State current, TypeDescription type) {
    String name = type.getName();
    if (ServiceIndex.isPlatform(name)) {
      return false;
    }
    Boolean known = current.coveredByName.get(name);
    if (known != null) {
      return known;
    }
    boolean result;
    try {
      result = current.index.entryNaming(name) != null || coveredSupertype(current, type);
    } catch (RuntimeException unresolvable) {
      // a supertype's class file cannot be found: the JVM will fail to load this class anyway
      result = false;
    }
    current.coveredByName.put(name, result);
    return result;
  }

  private static boolean coveredSupertype(State current, TypeDescription type) {
    TypeDescription.Generic superClass = type.getSuperClass();
    if (superClass != null && covered(current, superClass.asErasure())) {
      return true;
    }
    for (TypeDescription.Generic face : type.getInterfaces()) {
      if (covered(current, face.asErasure())) {
        return true;
      }
    }
    return false;
  }

  private void registerBases(State current, TypeDescription type, ClassLoader loader) {
    try {
      TypeDescription.Generic superClass = type.getSuperClass();
      if (superClass != null) {
        registerBase(current, superClass.asErasure(), loader);
      }
      for (TypeDescription.Generic face : type.getInterfaces()) {
        registerBase(current, face.asErasure(), loader);
      }
    } catch (RuntimeException unresolvable) {
      // as in covered(): nothing to register for a class that will not load
    }
  }

  private void registerBase(State current, TypeDescription type, ClassLoader loader) {
    String name = type.getName();
    if (ServiceIndex.isPlatform(name) || ServiceIndex.isGenerated(name)) {
      return;
    }
    if (!covered(current, type) && current.bases.add(name)) {
      onNewBase.accept(name, loader);
    }
    registerBases(current, type, loader);
  }

  /** One config's index with what was learnt under it. */
  private static final class State {
    final ServiceIndex index;
    final ConcurrentHashMap<String, Boolean> coveredByName = new ConcurrentHashMap<>();
    final Set<String> bases = ConcurrentHashMap.newKeySet();

    State(ServiceIndex index, Set<String> knownBases) {
      this.index = index;
      bases.addAll(knownBases);
    }
  }
}
