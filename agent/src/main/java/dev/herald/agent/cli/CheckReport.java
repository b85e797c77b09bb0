package dev.herald.agent.cli;

import dev.herald.agent.config.ServiceEntry;
import java.util.List;

/**
 * What {@code check} found, for {@link TextReport} and {@link JsonReport}. Immutable.
 *
 * @param config the config file as named on the command line
 * @param classpathChecked false when no {@code --classpath} was given: no class was looked at
 * @param classesScanned how many classes the class path holds
 * @param services one report per {@code services} entry, in file order
 * @param plugins one report per jar in the plugin folder
 * @param findings errors and warnings, errors first
 */
record CheckReport(String config, boolean classpathChecked, int classesScanned, List<EntryReport> services,
    List<PluginReport> plugins, List<Finding> findings) {

  long errors() {
    return findings.stream().filter(Finding::isError).count();
  }

  long warnings() {
    return findings.size() - errors();
  }

  /** The exit status: 2 with errors, 1 with warnings under {@code --strict}, else 0. */
  int status(boolean strict) {
    return errors() > 0 ? 2 : strict && warnings() > 0 ? 1 : 0;
  }

  /**
   * An error or warning; {@code entry} is the services index it is about, or -1; {@code line} and
   * {@code column} are 1-based places in the config file, or 0 when the finding has none of its
   * own (a warning about an entry is placed at the entry).
   */
  record Finding(boolean isError, String code, int entry, int line, int column, String message) {
    static Finding error(String code, String message) {
      return new Finding(true, code, -1, 0, 0, message);
    }

    static Finding error(String code, int line, int column, String message) {
      return new Finding(true, code, -1, line, column, message);
    }

    static Finding warning(String code, int entry, String message) {
      return new Finding(false, code, entry, 0, 0, message);
    }

    static Finding warning(String code, int entry, ServiceEntry.Place place, String message) {
      return new Finding(false, code, entry, place.line(), place.column(), message);
    }
  }

  /** One {@code services} entry, the types tied to it (by nearest configured type), and how many classes it names. */
  record EntryReport(ServiceEntry entry, int namedClasses, List<TypeReport> types) {
    int methodCount() {
      return types.stream().mapToInt(type -> type.methods().size()).sum();
    }
  }

  /** A type whose calls emit with an entry's settings; {@code configuredAs} is the configured type it belongs to. */
  record TypeReport(String name, String kind, String configuredAs, String entity, List<MethodReport> methods) {}

  /**
   * A method that emits events.
   *
   * @param signature name and simple parameter types, e.g. {@code placeOrder(Order, int)}
   * @param declaredIn the class that declares it (a base class for inherited methods)
   * @param events the before, after and failed event names
   */
  record MethodReport(String signature, String declaredIn, String operation, List<String> events) {}

  /**
   * A jar of the plugin folder: the plugin names it provides, or why it cannot be loaded.
   *
   * @param problem null when the jar loads
   */
  record PluginReport(String jar, List<String> names, String problem) {}
}
