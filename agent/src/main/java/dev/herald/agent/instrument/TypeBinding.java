package dev.herald.agent.instrument;

import dev.herald.agent.bus.Route;
import dev.herald.agent.config.ServiceEntry;
import dev.herald.api.Phase;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A runtime class's tie to its configured type: the entry, the configured class name, how to read
 * the application's MDC from the class's loader, and the {@link Binding} of each method name.
 *
 * <p>Safe for concurrent use.
 */
final class TypeBinding {

  /** Not the {@link TypeBindings}: a value of its ClassValue must not hold it, or neither is ever freed. */
  private final TypeBindings.Emitting owner;
  private final ServiceEntry entry;
  private final String configuredClassName;
  private final MdcAccess mdc;
  /**
   * The loader of the runtime class this belongs to (null: the boot loader's, or unconfigured): held
   * by that class's ClassValue, so it keeps nothing that class does not.
   */
  private final ClassLoader loader;
  private final ConcurrentHashMap<String, Binding> methods = new ConcurrentHashMap<>();

  TypeBinding(TypeBindings.Emitting owner, ServiceEntry entry, String configuredClassName, MdcAccess mdc,
      ClassLoader loader) {
    this.owner = owner;
    this.loader = loader;
    this.entry = entry;
    this.configuredClassName = configuredClassName;
    this.mdc = mdc;
  }

  static TypeBinding unconfigured(TypeBindings.Emitting owner) {
    return new TypeBinding(owner, null, null, MdcAccess.NONE, null);
  }

  String configuredClassName() {
    return configuredClassName;
  }

  Switches switches() {
    return owner.switches();
  }

  TypeBindings.Emitting owner() {
    return owner;
  }

  ClassLoader loader() {
    return loader;
  }

  MdcAccess mdc() {
    return mdc;
  }

  Binding forMethod(String methodName) {
    if (entry == null) {
      return Binding.NONE;
    }
    return methods.computeIfAbsent(methodName, this::bind);
  }

  private Binding bind(String methodName) {
    String operation = entry.operationFor(methodName);
    if (operation == null) {
      return Binding.NONE;
    }
    String entity = entry.entityFor(configuredClassName);
    return new Binding(this, entry, entity, operation, methodName,
        route(entity, Phase.BEFORE, operation),
        route(entity, Phase.AFTER, operation),
        route(entity, Phase.FAILED, operation));
  }

  private Route route(String entity, Phase phase, String operation) {
    return owner.bus().route(entity + '.' + phase.id() + '.' + operation);
  }
}
