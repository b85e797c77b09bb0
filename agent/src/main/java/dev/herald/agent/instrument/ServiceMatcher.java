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
 * <p>Safe for concurrent use. Results are memoised by class name.
 */
final class ServiceMatcher implements AgentBuilder.RawMatcher {

  private final ServiceIndex index;
  private final ConcurrentHashMap<String, Boolean> coveredByName = new ConcurrentHashMap<>();
  private final Set<String> bases = ConcurrentHashMap.newKeySet();
  private final BiConsumer<String, ClassLoader> onNewBase;

  ServiceMatcher(ServiceIndex index, BiConsumer<String, ClassLoader> onNewBase) {
    this.index = index;
    this.onNewBase = onNewBase;
  }

  @Override
  public boolean matches(TypeDescription type, ClassLoader loader, JavaModule module,
      Class<?> classBeingRedefined, ProtectionDomain protectionDomain) {
    String name = type.getName();
    if (loader == null || ServiceIndex.isGenerated(name) || ServiceIndex.isPlatform(name)
        || type.isAnnotation()) {
      return false;
    }
    if (covered(type)) {
      registerBases(type, loader);
      return true;
    }
    return bases.contains(name);
  }

  /** True if {@code type} or a supertype is configured. */
  boolean covered(TypeDescription type) {
    String name = type.getName();
    if (ServiceIndex.isPlatform(name)) {
      return false;
    }
    Boolean known = coveredByName.get(name);
    if (known != null) {
      return known;
    }
    boolean result;
    try {
      result = index.entryNaming(name) != null || coveredSupertype(type);
    } catch (RuntimeException unresolvable) {
      // a supertype's class file cannot be found: the JVM will fail to load this class anyway
      result = false;
    }
    coveredByName.put(name, result);
    return result;
  }

  private boolean coveredSupertype(TypeDescription type) {
    TypeDescription.Generic superClass = type.getSuperClass();
    if (superClass != null && covered(superClass.asErasure())) {
      return true;
    }
    for (TypeDescription.Generic face : type.getInterfaces()) {
      if (covered(face.asErasure())) {
        return true;
      }
    }
    return false;
  }

  private void registerBases(TypeDescription type, ClassLoader loader) {
    try {
      TypeDescription.Generic superClass = type.getSuperClass();
      if (superClass != null) {
        registerBase(superClass.asErasure(), loader);
      }
      for (TypeDescription.Generic face : type.getInterfaces()) {
        registerBase(face.asErasure(), loader);
      }
    } catch (RuntimeException unresolvable) {
      // as in covered(): nothing to register for a class that will not load
    }
  }

  private void registerBase(TypeDescription type, ClassLoader loader) {
    String name = type.getName();
    if (ServiceIndex.isPlatform(name) || ServiceIndex.isGenerated(name)) {
      return;
    }
    if (!covered(type) && bases.add(name)) {
      onNewBase.accept(name, loader);
    }
    registerBases(type, loader);
  }
}
