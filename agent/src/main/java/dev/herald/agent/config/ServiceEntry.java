package dev.herald.agent.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of {@code services}: which classes to instrument, the entity their events carry, and
 * which methods are write operations.
 *
 * <p>Immutable and thread-safe. {@link #matchesClass} and {@link #operationFor} run at class-load
 * time for many classes, so globs are compiled once and exact names are a string comparison or a
 * hash lookup.
 */
public final class ServiceEntry {

  /** The operations a method counts as by its exact name, unless {@code defaults: false}. */
  public static final Set<String> DEFAULT_OPERATIONS =
      Set.of("create", "update", "delete", "upsert", "activate", "deactivate");

  /** The {@code entity} value that derives the entity from the class name. */
  public static final String AUTO = "auto";

  private final int index;
  private final int line;
  private final String classPattern;
  private final NameGlob classGlob;
  private final String entity;
  private final Map<String, String> methods;
  private final boolean defaults;
  private final boolean enabled;
  private final MethodTable table;
  private final Map<String, Place> methodPlaces;

  /** Where a {@code methods} key is written: 1-based line and column. */
  public record Place(int line, int column) {}

  /**
   * An entry; {@link ConfigLoader} makes them from the file, tests may make them directly.
   *
   * @param index 0-based position in {@code services}
   * @param line 1-based line of the entry in the file, or 0
   * @param classPattern a binary class name or glob
   * @param entity an entity name, or {@code auto}
   * @param methods method name or glob to operation, in file order
   * @param defaults whether the six default operations count besides {@code methods}
   * @param enabled false to instrument without publishing events
   * @throws IllegalArgumentException if a name breaks the rules of the config format
   */
  public ServiceEntry(int index, int line, String classPattern, String entity,
      Map<String, String> methods, boolean defaults, boolean enabled) {
    this(index, line, classPattern, entity, methods, defaults, enabled, Map.of());
  }

  /**
   * As the constructor above, with where each {@code methods} key is written, for messages about
   * one key (a misspelt method name) that point at the key rather than the entry.
   *
   * @param methodPlaces place of each key of {@code methods}; keys without one are placed at the entry
   */
  public ServiceEntry(int index, int line, String classPattern, String entity,
      Map<String, String> methods, boolean defaults, boolean enabled, Map<String, Place> methodPlaces) {
    require(ServiceNames.classProblem(classPattern), "class", classPattern);
    require(ServiceNames.entityProblem(entity), "entity", entity);
    // a loop, not forEach with a lambda: entries are made before the application's main
    for (Map.Entry<String, String> method : methods.entrySet()) {
      require(ServiceNames.methodProblem(method.getKey()), "method", method.getKey());
      require(ServiceNames.operationProblem(method.getValue()), "operation", method.getValue());
    }
    this.index = index;
    this.line = line;
    this.classPattern = classPattern;
    this.classGlob = NameGlob.isGlob(classPattern) ? NameGlob.compile(classPattern) : null;
    this.entity = entity;
    this.methods = Collections.unmodifiableMap(new LinkedHashMap<>(methods));
    this.defaults = defaults;
    this.enabled = enabled;
    this.table = new MethodTable(this.methods, defaults);
    this.methodPlaces = Map.copyOf(methodPlaces);
  }

  private static void require(String problem, String what, String value) {
    if (problem != null) {
      throw new IllegalArgumentException(what + " '" + value + "': " + problem);
    }
  }

  /** 0-based position in {@code services}; of two entries matching a class, the lower wins. */
  public int index() {
    return index;
  }

  /** 1-based line of the entry in the config file, for messages; 0 if unknown. */
  public int line() {
    return line;
  }

  /** Where the {@code methods} key {@code key} is written; the entry's line and column 0 if unknown. */
  public Place methodPlace(String key) {
    Place place = methodPlaces.get(key);
    return place != null ? place : new Place(line, 0);
  }

  /** The {@code class} value as written (after {@code ${VAR}} substitution). */
  public String classPattern() {
    return classPattern;
  }

  /** True if {@link #classPattern} has a wildcard; false for an exact binary name. */
  public boolean isGlob() {
    return classGlob != null;
  }

  /**
   * True if this entry names {@code binaryClassName} ({@code com.acme.Outer$Inner}): equal to an
   * exact name, or matched by the glob. A glob never matches an anonymous or local class, nor one
   * the Kotlin compiler makes for a lambda or a coroutine ({@code Outer$1}, {@code
   * AccountService$create$1}: a '$' followed by a digit); an exact name does.
   */
  public boolean matchesClass(String binaryClassName) {
    return classGlob == null ? classPattern.equals(binaryClassName)
        : classGlob.matches(binaryClassName) && !isLocalOrAnonymous(binaryClassName);
  }

  private static boolean isLocalOrAnonymous(String binaryClassName) {
    for (int i = binaryClassName.indexOf('$'); i >= 0 && i + 1 < binaryClassName.length();
        i = binaryClassName.indexOf('$', i + 1)) {
      if (Character.isDigit(binaryClassName.charAt(i + 1))) {
        return true;
      }
    }
    return false;
  }

  /** The {@code entity} value as written: an entity name or {@code auto}. */
  public String entity() {
    return entity;
  }

  /** True for {@code entity: auto}. */
  public boolean isAutoEntity() {
    return AUTO.equals(entity);
  }

  /**
   * The entity for events of {@code binaryClassName}: the configured one, or for {@code auto} the
   * simple name without a trailing Service, ServiceImpl, Repository, Dao, DAO, Manager or Impl,
   * first letter lower-cased ({@code LegacyUserService} gives {@code legacyUser}).
   */
  public String entityFor(String binaryClassName) {
    return isAutoEntity() ? AutoEntity.of(binaryClassName) : entity;
  }

  /**
   * The operation of method {@code methodName}, or null if it is not a write method of this entry:
   * the first {@code methods} entry that matches in file order, else with {@link #defaults} the
   * default operation of the same name.
   */
  public String operationFor(String methodName) {
    return table.operationFor(methodName);
  }

  /** The {@code methods} map as written, in file order; unmodifiable. */
  public Map<String, String> methods() {
    return methods;
  }

  /** Whether the six {@link #DEFAULT_OPERATIONS} count besides {@code methods} (default true). */
  public boolean defaults() {
    return defaults;
  }

  /** False when instrumented but not publishing ({@code enabled: false}); default true. */
  public boolean enabled() {
    return enabled;
  }

  /** This entry at position {@code index} with {@code enabled}, for changes made while running. */
  public ServiceEntry with(int index, boolean enabled) {
    return new ServiceEntry(index, line, classPattern, entity, methods, defaults, enabled, methodPlaces);
  }

  /** This entry, added while running (over JMX), at position {@code index}: it has no line in the file. */
  public ServiceEntry addedAt(int index) {
    return new ServiceEntry(index, 0, classPattern, entity, methods, defaults, enabled);
  }

  /** True if {@code other} instruments and emits the same, whatever its position, line or flag. */
  public boolean sameRules(ServiceEntry other) {
    return classPattern.equals(other.classPattern) && entity.equals(other.entity) && methods.equals(other.methods)
        && defaults == other.defaults;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ServiceEntry that && index == that.index && line == that.line
        && defaults == that.defaults && enabled == that.enabled
        && classPattern.equals(that.classPattern) && entity.equals(that.entity)
        && methods.equals(that.methods);
  }

  @Override
  public int hashCode() {
    return Objects.hash(index, classPattern, entity, methods, defaults, enabled);
  }

  @Override
  public String toString() {
    return "services[" + index + "] " + classPattern + " -> " + entity
        + (methods.isEmpty() ? "" : " " + methods) + (defaults ? "" : " (no defaults)")
        + (enabled ? "" : " (disabled)");
  }
}
