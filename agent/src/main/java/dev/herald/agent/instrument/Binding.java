package dev.herald.agent.instrument;

import dev.herald.agent.bus.Route;
import dev.herald.agent.config.ServiceEntry;
import dev.herald.api.Phase;
import java.util.concurrent.CompletionStage;

/**
 * What one method of one configured class emits: its entity, operation and event names, and the
 * bus routes of its three events, resolved once and reused for every call.
 *
 * <p>Immutable but for a racy cache written once ({@link #isStage}); the routes it holds are kept
 * current by the bus.
 */
final class Binding {

  /** For methods that emit nothing (no configured type, or no operation mapped). */
  static final Binding NONE = new Binding();

  final String entity;
  final String operation;
  final String className;
  final String methodName;
  /**
   * {@code entity.operation} as a number, the same for every binding of that pair: the call stack
   * keeps calls as numbers (see {@link CallStack}).
   */
  final int key;
  final TypeBinding type;
  /** The {@link dev.herald.agent.bus.ThreadCounters} slot counting the entry's calls that emitted, for JMX. */
  final int callsSlot;
  private final String[] names;
  // one field per phase, not an array: the hot path reads them on every call
  final Route before;
  final Route after;
  final Route failed;
  // resolved once: active() runs on every call of the method
  private final Switches switches;
  private final int entryIndex;
  // The class of this method's first result that was not a CompletionStage. Written once, by any
  // calling thread, without synchronisation: a Class reference is never torn, and a thread that
  // does not see it yet only makes the full check. Never replaced, so that a method returning
  // several classes does not write to this object, which every thread reads, on every call.
  // Only a class that cannot outlast the class this binding belongs to (see remembers): a service of
  // an application server's shared libraries returning a web application's object would otherwise
  // keep that application's loader, and every class of it, after it was undeployed.
  private Class<?> plainResult;

  Binding(TypeBinding type, ServiceEntry entry, String entity, String operation, String methodName,
      Route before, Route after, Route failed) {
    this.type = type;
    this.callsSlot = type.owner().counters().forEntry(entry);
    this.entity = entity;
    this.operation = operation;
    this.className = type.configuredClassName();
    this.methodName = methodName;
    this.key = CallStack.keyOf(entity + '.' + operation);
    this.names = new String[] {
        entity + ".before." + operation, entity + ".after." + operation, entity + ".failed." + operation};
    this.before = before;
    this.after = after;
    this.failed = failed;
    this.switches = type.switches();
    this.entryIndex = entry.index();
  }

  private Binding() {
    this.type = null;
    this.callsSlot = -1;
    this.entity = null;
    this.operation = null;
    this.className = null;
    this.methodName = null;
    this.key = 0;
    this.names = null;
    this.before = null;
    this.after = null;
    this.failed = null;
    this.switches = null;
    this.entryIndex = -1;
  }

  /** True if the entry is enabled (a disabled entry's classes stay instrumented, and emit nothing). */
  boolean enabled() {
    return switches != null && switches.enabled(entryIndex);
  }

  /** True if a call should be tracked: the entry is enabled and someone listens to one of its events. */
  boolean active() {
    return switches != null
        && switches.enabled(entryIndex)
        && !(before.isEmpty() && after.isEmpty() && failed.isEmpty());
  }

  /**
   * True if {@code result}, not null, is a {@link CompletionStage}, whose after or failed event
   * waits for it. On JDK 17 an {@code instanceof} against an interface that fails scans every
   * interface of the object's class, on every call: for a method returning a String, a sixth of
   * the woven method's time (JMH perfasm). A method returns the same class nearly always, so the
   * first class found not to be a stage is remembered, if it is the JDK's or of the same loader.
   */
  boolean isStage(Object result) {
    Class<?> type = result.getClass();
    if (type == plainResult) {
      return false;
    }
    if (result instanceof CompletionStage) {
      return true;
    }
    if (plainResult == null && remembers(type)) {
      plainResult = type;
    }
    return false;
  }

  /**
   * True if {@code resultClass} goes no sooner than the class this binding belongs to: the JDK's, or its
   * loader's or one of that loader's parents' (a library a servlet container shares with its web
   * applications). Another loader's (a web application's object returned by a shared service) may
   * be unloaded while this binding lives. Called only until a class is remembered.
   */
  @SuppressWarnings("removal") // AccessController: the permissions it stands for exist up to JDK 23
  private boolean remembers(Class<?> resultClass) {
    try {
      // Herald's permissions, not the calling thread's: under a security manager getClassLoader and
      // getParent are checked against every frame of the application's thread, and a thread with none
      // (the common pool's, InnocuousForkJoinWorkerThread) would lose the call's after event
      return java.security.AccessController.doPrivileged(new Outlives(resultClass, type.loader()));
    } catch (SecurityException refused) {
      return false; // not remembered: the full check every call
    }
  }

  /** {@link #remembers}'s walk, as a privileged action; an anonymous class would do, named for the stack. */
  private static final class Outlives implements java.security.PrivilegedAction<Boolean> {
    private final Class<?> type;
    private final ClassLoader loader;

    Outlives(Class<?> type, ClassLoader loader) {
      this.type = type;
      this.loader = loader;
    }

    @Override
    public Boolean run() {
      ClassLoader of = type.getClassLoader();
      if (of == null || of == ClassLoader.getPlatformClassLoader()) {
        return true;
      }
      for (ClassLoader ancestor = loader; ancestor != null; ancestor = ancestor.getParent()) {
        if (ancestor == of) {
          return true;
        }
      }
      return false;
    }
  }

  String name(Phase phase) {
    return names[phase.ordinal()];
  }
}
