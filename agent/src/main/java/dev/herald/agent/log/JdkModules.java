package dev.herald.agent.log;

import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.util.Optional;

/**
 * Says which JDK module a missing class lives in and how to get it, for the errors a JVM gives
 * when a module is not there: an application started with {@code -m} resolves only the modules its
 * own modules require, and a runtime made by {@code jlink} holds only the modules linked into it.
 * Either way the JVM's {@code NoClassDefFoundError: java/net/http/HttpTimeoutException} names the
 * class, not the module nor the fix. Public for the agent's other packages; not API.
 *
 * <p>Only called on failure paths: reading the runtime's module descriptors costs a few
 * milliseconds.
 */
public final class JdkModules {

  private JdkModules() {}

  /**
   * For a {@link NoClassDefFoundError} (or {@link ClassNotFoundException}) of a class in a JDK
   * module this JVM did not resolve: a sentence naming the module and the fix, such as {@code the
   * class is in the JDK module java.net.http, which this JVM did not resolve: add --add-modules
   * java.net.http to the java command line}. Null for any other failure, so that callers add
   * nothing where there is nothing to say.
   */
  public static String adviceFor(Throwable failure) {
    String className = missingClass(failure);
    if (className == null) {
      return null;
    }
    int dot = className.lastIndexOf('.');
    String pkg = dot < 0 ? "" : className.substring(0, dot);
    Optional<ModuleReference> holder = ModuleFinder.ofSystem().findAll().stream()
        .filter(module -> module.descriptor().packages().contains(pkg)).findFirst();
    if (holder.isPresent()) {
      String module = holder.get().descriptor().name();
      // resolved, yet the class is missing: a class of that name does not exist (an older JDK)
      return ModuleLayer.boot().findModule(module).isPresent() ? null
          : "the class is in the JDK module " + module + ", which this JVM did not resolve: " + addModules(module);
    }
    // not in this runtime at all: only a JDK package can be told apart from a jar left off the class path
    return isJdkPackage(pkg) ? "no module of this Java runtime holds package " + pkg + " (a runtime made by jlink"
        + " without it): link the JDK module that holds it into the runtime (jlink --add-modules), or run on a full JDK"
        : null;
  }

  /**
   * What to do for a JDK {@code module} this JVM lacks: {@code add --add-modules <module> to the java
   * command line} where the runtime has it, else how to get a runtime that has it.
   */
  public static String adviceForModule(String module) {
    return ModuleFinder.ofSystem().find(module).isPresent() ? addModules(module)
        : "this Java runtime was linked without it: add it to the runtime (jlink --add-modules " + module
            + ") or run on a full JDK";
  }

  /** True if this JVM resolved the JDK module {@code module}. */
  public static boolean resolved(String module) {
    return ModuleLayer.boot().findModule(module).isPresent();
  }

  private static String addModules(String module) {
    return "add --add-modules " + module + " to the java command line";
  }

  private static String missingClass(Throwable failure) {
    if (!(failure instanceof NoClassDefFoundError || failure instanceof ClassNotFoundException)) {
      return null;
    }
    String message = failure.getMessage();
    // "Could not initialize class X" is a class that exists and failed its static initialiser
    if (message == null || message.isEmpty() || message.indexOf(' ') >= 0) {
      return null;
    }
    return message.replace('/', '.');
  }

  private static boolean isJdkPackage(String pkg) {
    for (String prefix : new String[] {"java.", "javax.", "jdk.", "com.sun.", "sun.", "org.w3c.", "org.xml.", "org.ietf."}) {
      if (pkg.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
