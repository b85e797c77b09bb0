package dev.herald.agent.instrument;

import dev.herald.agent.bus.Route;
import dev.herald.agent.config.ServiceEntry;
import dev.herald.api.Phase;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one method of one configured class emits: its entity, operation and event names, and the
 * bus routes of its three events, resolved once and reused for every call.
 *
 * <p>Immutable; the routes it holds are kept current by the bus.
 */
final class Binding {

  /** For methods that emit nothing (no configured type, or no operation mapped). */
  static final Binding NONE = new Binding();

  final ServiceEntry entry;
  final String entity;
  final String operation;
  final String className;
  final String methodName;
  /** {@code entity.operation}, interned, so that nested calls compare by reference. */
  final String key;
  final TypeBinding type;
  /** Calls of the entry that emitted, for JMX. */
  final LongAdder calls;
  private final String[] names;
  private final Route[] routes;

  Binding(TypeBinding type, ServiceEntry entry, String entity, String operation, String methodName,
      Route before, Route after, Route failed) {
    this.type = type;
    this.calls = type.owner().counters().forEntry(entry);
    this.entry = entry;
    this.entity = entity;
    this.operation = operation;
    this.className = type.configuredClassName();
    this.methodName = methodName;
    this.key = (entity + '.' + operation).intern();
    this.names = new String[] {
        entity + ".before." + operation, entity + ".after." + operation, entity + ".failed." + operation};
    this.routes = new Route[] {before, after, failed};
  }

  private Binding() {
    this.type = null;
    this.calls = null;
    this.entry = null;
    this.entity = null;
    this.operation = null;
    this.className = null;
    this.methodName = null;
    this.key = null;
    this.names = null;
    this.routes = null;
  }

  /** True if a call should be tracked: the entry is enabled and someone listens to one of its events. */
  boolean active() {
    return routes != null
        && type.switches().enabled(entry.index())
        && !(routes[0].isEmpty() && routes[1].isEmpty() && routes[2].isEmpty());
  }

  String name(Phase phase) {
    return names[phase.ordinal()];
  }

  Route route(Phase phase) {
    return routes[phase.ordinal()];
  }
}
