package dev.herald.agent;

import dev.herald.agent.config.ServiceEntry;
import dev.herald.agent.instrument.ServiceIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * The {@code services} entries that no loaded class matched by the JVM's exit: most often a
 * misspelt class name, which otherwise shows only as events that never come. Told at exit, not at
 * start, since a service class may load late (on the first request).
 */
final class UnmatchedServices {

  /** Exit WARN lines about entries that matched nothing, at most; then one line counts the rest. */
  static final int MAX_LINES = 20;
  private static final long FINDABLE_BUDGET_NANOS = 500_000_000L;

  private UnmatchedServices() {}

  /** The entries of {@code entries} whose class pattern names none of {@code loaded}. */
  static List<ServiceEntry> of(List<ServiceEntry> entries, Class<?>[] loaded) {
    return of(entries, loaded, Set.of());
  }

  /**
   * The entries of {@code entries} whose class pattern names none of {@code loaded} and none of
   * {@code seen}: names seen loading earlier in the run, whose classes may have been unloaded since
   * (a web application undeployed before the JVM exits).
   */
  static List<ServiceEntry> of(List<ServiceEntry> entries, Class<?>[] loaded, Set<String> seen) {
    List<ServiceEntry> left = new ArrayList<>(entries);
    for (String name : seen) {
      left.removeIf(entry -> entry.matchesClass(name));
    }
    for (Class<?> type : loaded) {
      if (left.isEmpty()) {
        break;
      }
      if (type.getClassLoader() != null && !type.isArray()) {
        String name = type.getName();
        left.removeIf(entry -> entry.matchesClass(name));
      }
    }
    return left;
  }

  /**
   * One WARN per entry of {@code entries} that matched no class of {@code loaded}: a class name
   * that one of the application's class loaders could load is told apart from a misspelt one.
   */
  static void warn(Logger log, Path file, List<ServiceEntry> entries, Class<?>[] loaded, Set<String> seen) {
    List<ServiceEntry> left = of(entries, loaded, seen);
    if (left.isEmpty()) {
      return;
    }
    Set<ClassLoader> loaders = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Class<?> type : loaded) {
      ClassLoader loader = type.getClassLoader();
      // reflection's loaders (JDK 17: one per generated accessor) only ask the loader they serve
      if (loader != null && !loader.getClass().getName().startsWith("jdk.internal.reflect.")) {
        loaders.add(loader);
      }
    }
    Set<String> found = ConcurrentHashMap.newKeySet();
    Thread lookup = new Thread(new Runnable() {
      @Override
      public void run() {
        for (ServiceEntry entry : left) {
          if (!entry.isGlob() && !ServiceIndex.namesOnlyPlatform(entry.classPattern())
              && findable(entry.classPattern(), loaders)) {
            found.add(entry.classPattern());
          }
        }
      }
    }, "herald-exit-lookup");
    // the exit must not wait on a slow or stuck loader (a remote one): past the budget, a name not
    // found yet is told as possibly misspelt, and the lookup is left to the JVM's end
    lookup.setDaemon(true);
    lookup.start();
    try {
      lookup.join(TimeUnit.NANOSECONDS.toMillis(FINDABLE_BUDGET_NANOS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int told = 0;
    for (ServiceEntry entry : left) {
      if (told == MAX_LINES && left.size() > MAX_LINES + 1) {
        // a generated config of thousands of entries must not flood the log at every exit
        log.warn("{}: and {} more services entries matched no loaded class in this run; `java -jar herald-agent.jar"
            + " check` lists what each entry matches", file, left.size() - told);
        return;
      }
      log.warn(ServiceIndex.namesOnlyPlatform(entry.classPattern()) ? platformMessage(file, entry)
          : found.contains(entry.classPattern()) ? notUsedMessage(file, entry) : message(file, entry));
      told++;
    }
  }

  /** For an entry naming only JDK (or Herald) classes, which are never instrumented whether loaded or not. */
  static String platformMessage(Path file, ServiceEntry entry) {
    return where(file, entry) + ": '" + entry.classPattern() + "' " + ServiceIndex.neverInstrumented(entry)
        + ", so it sends no events; configure the application's own class that makes the call instead";
  }

  static String message(Path file, ServiceEntry entry) {
    return tell(file, entry, "no class " + (entry.isGlob() ? "matching" : "named") + " '" + entry.classPattern()
        + "' was loaded in this run, so it sent no events");
  }

  /** For an exact name that a class loader finds, but that nothing loaded: spelt right, not used. */
  static String notUsedMessage(Path file, ServiceEntry entry) {
    return where(file, entry) + ": class '" + entry.classPattern() + "' exists but was not loaded in this run"
        + " (nothing used it), so it sent no events";
  }

  private static boolean findable(String className, Set<ClassLoader> loaders) {
    String resource = className.replace('.', '/') + ".class";
    for (ClassLoader loader : loaders) {
      try {
        if (loader.getResource(resource) != null) {
          return true;
        }
      } catch (RuntimeException | LinkageError closedOrOdd) {
        // a closed or unusual loader: it cannot tell, others may
      }
    }
    return false;
  }

  /** For an entry just added while running: no loaded class matches it, yet. */
  static String notLoadedYet(Path file, ServiceEntry entry) {
    if (ServiceIndex.namesOnlyPlatform(entry.classPattern())) {
      return platformMessage(file, entry);
    }
    return tell(file, entry, "no loaded class " + (entry.isGlob() ? "matches" : "is named") + " '"
        + entry.classPattern() + "' yet (the entry applies when one loads)");
  }

  private static String tell(Path file, ServiceEntry entry, String missing) {
    // added over JMX: not in the file, so neither its line nor `check` of the file would help
    return where(file, entry) + ": " + missing + (entry.line() == 0 ? "; check the class name"
        : "; check the name with java -jar herald-agent.jar check " + file
            + " --classpath <the application's class path>");
  }

  private static String where(Path file, ServiceEntry entry) {
    return entry.line() == 0 ? "services[" + entry.index() + "] (added over JMX)"
        : file + ":" + entry.line() + ": services[" + entry.index() + "]";
  }
}
