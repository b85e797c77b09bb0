package dev.herald.agent.jmx;

import dev.herald.agent.config.ServiceEntry;
import dev.herald.agent.instrument.MethodShapes;
import dev.herald.agent.instrument.ServiceCoverage;
import dev.herald.agent.instrument.ServiceIndex;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Which loaded classes emit with which {@code services} entry, worked out from the loaded classes
 * with the agent's rules ({@link ServiceCoverage}), on demand: nothing is kept per class between
 * reads. A snapshot is reused for a second so that one JMX console refresh walks the classes once.
 *
 * <p>Safe for concurrent use.
 */
final class LoadedServices {

  private static final long REUSE_NANOS = 1_000_000_000L;

  private final List<ServiceEntry> entries;
  private final Supplier<Class<?>[]> loaded;
  private Snapshot last;
  private long lastNanos;

  LoadedServices(List<ServiceEntry> entries, Supplier<Class<?>[]> loaded) {
    this.entries = List.copyOf(entries);
    this.loaded = loaded;
  }

  /** The classes and their write methods, by entry index. */
  synchronized Snapshot snapshot() {
    long now = System.nanoTime();
    if (last == null || now - lastNanos > REUSE_NANOS) {
      last = compute();
      lastNanos = now;
    }
    return last;
  }

  private Snapshot compute() {
    ServiceCoverage<Class<?>> coverage = new ServiceCoverage<>(entries, Class::getName, ServiceCoverage::supertypesOf);
    TreeMap<String, Class<?>> sorted = new TreeMap<>();
    for (Class<?> type : loaded.get()) {
      String name = type.getName();
      if (type.getClassLoader() != null && !type.isArray() && !type.isAnnotation() && !type.isInterface()
          && !ServiceCoverage.isGenerated(name) && !ServiceCoverage.isPlatform(name)) {
        sorted.put(name, type);
      }
    }
    List<List<String>> classes = new ArrayList<>();
    List<List<String>> methods = new ArrayList<>();
    entries.forEach(entry -> {
      classes.add(new ArrayList<>());
      methods.add(new ArrayList<>());
    });
    for (Class<?> type : sorted.values()) {
      try {
        ServiceIndex.Match<Class<?>> match = coverage.covered(type) ? coverage.nearest(type) : null;
        if (match != null) {
          int index = match.entry().index();
          classes.get(index).add(type.getName());
          String entity = match.entry().entityFor(match.typeName());
          methods.get(index).addAll(writeMethods(type, match.entry(), entity, coverage));
        }
      } catch (LinkageError | RuntimeException unreadable) {
        // a class whose methods name classes that cannot load; the agent skips it the same way
      }
    }
    return new Snapshot(classes, methods);
  }

  private static List<String> writeMethods(Class<?> type, ServiceEntry entry, String entity,
      ServiceCoverage<Class<?>> coverage) {
    List<String> result = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Deque<Class<?>> queue = new ArrayDeque<>(List.of(type));
    Set<Class<?>> visited = new HashSet<>();
    while (!queue.isEmpty()) {
      Class<?> owner = queue.poll();
      if (!visited.add(owner) || ServiceCoverage.isPlatform(owner.getName())) {
        continue;
      }
      for (Method method : owner.getDeclaredMethods()) {
        int mods = method.getModifiers();
        boolean woven = !Modifier.isAbstract(mods) && !Modifier.isNative(mods) && !Modifier.isPrivate(mods)
            && !method.isBridge() && !method.isSynthetic() && !MethodShapes.isSuspend(method)
            && coverage.mapsMethod(method.getName());
        String key = method.getName() + Arrays.toString(method.getParameterTypes());
        if (woven && (!Modifier.isStatic(mods) || owner == type) && seen.add(key)) {
          String operation = entry.operationFor(method.getName());
          if (operation != null) {
            // as check lists them: overloads told apart, and where an inherited one is declared
            StringJoiner parameters = new StringJoiner(", ", "(", ")");
            for (Class<?> parameter : method.getParameterTypes()) {
              parameters.add(parameter.getSimpleName());
            }
            // the events by name, as check lists them: an `entity: auto` entry's entity resolved
            result.add(type.getName() + "." + method.getName() + parameters + " -> " + entity
                + ".{before,after,failed}." + operation
                + (owner == type ? "" : "  (from " + owner.getName() + ")"));
          }
        }
      }
      queue.addAll(ServiceCoverage.supertypesOf(owner));
    }
    return result;
  }

  /** Per entry index: the loaded classes tied to it, and their write methods. */
  record Snapshot(List<List<String>> classes, List<List<String>> methods) {}
}
