package dev.herald.agent.cli;

import dev.herald.agent.config.ServiceEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The agent's rules for tying a type to a {@code services} entry, over any type model: class files
 * read by {@code check}, or loaded {@code Class} objects for JMX. Public for the {@code jmx}
 * package only; not API.
 *
 * <p>It mirrors {@code dev.herald.agent.instrument.ServiceIndex} and {@code ServiceMatcher}
 * (package-private there): a type is covered when an entry names it or a supertype is covered; a
 * call emits with the nearest configured type, walking supertypes breadth first (superclass before
 * interfaces), the first matching entry winning; generated {@code $$} classes and platform types
 * never match. Not safe for concurrent use (memoises).
 *
 * @param <T> the type model
 */
public final class ServiceCoverage<T> {

  private final List<ServiceEntry> entries;
  private final Function<T, String> name;
  private final Function<T, List<T>> supertypes;
  private final Map<String, Boolean> coveredByName = new HashMap<>();

  /**
   * @param supertypes the direct superclass (first) and interfaces of a type, those that can be
   *     resolved; platform types may be left out
   */
  public ServiceCoverage(List<ServiceEntry> entries, Function<T, String> name, Function<T, List<T>> supertypes) {
    this.entries = List.copyOf(entries);
    this.name = name;
    this.supertypes = supertypes;
  }

  /** The first entry that names {@code className} itself, or null. */
  public ServiceEntry entryNaming(String className) {
    if (isGenerated(className) || isPlatform(className)) {
      return null;
    }
    for (ServiceEntry entry : entries) {
      if (entry.matchesClass(className)) {
        return entry;
      }
    }
    return null;
  }

  /** Every entry that names {@code className} itself, in file order (the first wins). */
  public List<ServiceEntry> entriesNaming(String className) {
    List<ServiceEntry> result = new ArrayList<>();
    if (!isGenerated(className) && !isPlatform(className)) {
      for (ServiceEntry entry : entries) {
        if (entry.matchesClass(className)) {
          result.add(entry);
        }
      }
    }
    return result;
  }

  /** True if some entry maps {@code methodName} to an operation: the agent weaves such methods. */
  public boolean mapsMethod(String methodName) {
    for (ServiceEntry entry : entries) {
      if (entry.operationFor(methodName) != null) {
        return true;
      }
    }
    return false;
  }

  /** True if {@code type} or one of its supertypes is configured. */
  public boolean covered(T type) {
    String typeName = name.apply(type);
    if (isPlatform(typeName)) {
      return false;
    }
    Boolean known = coveredByName.get(typeName);
    if (known != null) {
      return known;
    }
    coveredByName.put(typeName, false); // a cycle in broken class files must end
    boolean result = entryNaming(typeName) != null;
    for (T supertype : result ? List.<T>of() : supertypes.apply(type)) {
      if (covered(supertype)) {
        result = true;
        break;
      }
    }
    coveredByName.put(typeName, result);
    return result;
  }

  /** The nearest configured type of {@code start} and its entry, or null. */
  public Match<T> nearest(T start) {
    Deque<T> level = new ArrayDeque<>();
    level.add(start);
    Set<String> seen = new HashSet<>();
    while (!level.isEmpty()) {
      List<T> next = new ArrayList<>();
      for (T type : level) {
        String typeName = name.apply(type);
        if (!seen.add(typeName) || isPlatform(typeName)) {
          continue;
        }
        ServiceEntry entry = entryNaming(typeName);
        if (entry != null) {
          return new Match<>(type, typeName, entry);
        }
        next.addAll(supertypes.apply(type));
      }
      level = new ArrayDeque<>(next);
    }
    return null;
  }

  /** A class generated at run time by CGLIB, Byte Buddy, Hibernate and the like: never instrumented. */
  public static boolean isGenerated(String className) {
    return className.contains("$$");
  }

  /** JDK and other platform classes: never configured, never walked. */
  public static boolean isPlatform(String className) {
    return className.startsWith("java.")
        || className.startsWith("javax.")
        || className.startsWith("jdk.internal.")
        || className.startsWith("sun.")
        || className.startsWith("com.sun.") && !className.startsWith("com.sun.proxy.")
        || className.startsWith("dev.herald.api.")
        || className.startsWith("dev.herald.agent.");
  }

  /** The configured type found for a type: the type, its name, and the entry naming it. */
  public record Match<T>(T type, String typeName, ServiceEntry entry) {}
}
