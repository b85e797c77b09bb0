package dev.herald.agent.instrument;

import dev.herald.agent.config.ServiceEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The agent's rules for tying a type to a {@code services} entry, over any type model: class files
 * read by {@code check}, loaded {@code Class} objects for JMX and for a services change while
 * running. Public for the {@code cli} and {@code jmx} packages; not API.
 *
 * <p>It applies {@link ServiceIndex}'s rules (and, for coverage, {@code ServiceMatcher}'s): a type is covered when an entry names it or a supertype is covered; a
 * call emits with the nearest configured type, walking supertypes breadth first (superclass before
 * interfaces), the first matching entry winning; generated {@code $$} classes and platform types
 * never match. Not safe for concurrent use (memoises).
 *
 * @param <T> the type model
 */
public final class ServiceCoverage<T> {

  private final List<ServiceEntry> entries;
  private final ServiceIndex index;
  private final Function<T, String> name;
  private final Function<T, List<T>> supertypes;
  private final Map<String, Boolean> coveredByName = new HashMap<>();

  /**
   * @param supertypes the direct superclass (first) and interfaces of a type, those that can be
   *     resolved; platform types may be left out
   */
  public ServiceCoverage(List<ServiceEntry> entries, Function<T, String> name, Function<T, List<T>> supertypes) {
    this.entries = List.copyOf(entries);
    this.index = new ServiceIndex(entries);
    this.name = name;
    this.supertypes = supertypes;
  }

  /** The first entry that names {@code className} itself, or null. */
  public ServiceEntry entryNaming(String className) {
    return index.entryNaming(className);
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
    return index.mapsMethod(methodName);
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
  public ServiceIndex.Match<T> nearest(T start) {
    return index.nearest(start, name, supertypes);
  }

  /** The direct superclass (first) and interfaces of a loaded class. */
  public static List<Class<?>> supertypesOf(Class<?> type) {
    List<Class<?>> result = new ArrayList<>();
    if (type.getSuperclass() != null) {
      result.add(type.getSuperclass());
    }
    result.addAll(Arrays.asList(type.getInterfaces()));
    return result;
  }

  /** See {@link ServiceIndex#isGenerated}. */
  public static boolean isGenerated(String className) {
    return ServiceIndex.isGenerated(className);
  }

  /** See {@link ServiceIndex#isPlatform}. */
  public static boolean isPlatform(String className) {
    return ServiceIndex.isPlatform(className);
  }
}
