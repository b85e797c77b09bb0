package dev.herald.agent.instrument;

import dev.herald.agent.bus.DefaultEventBus;
import dev.herald.agent.config.ContextSettings;
import dev.herald.agent.jmx.ServiceCounters;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves, once per runtime class, which configured type (if any) a class belongs to, and hands
 * out the {@link TypeBinding} that holds the bindings of its methods.
 *
 * <p>One instance per services config: when the config changes while running, the dispatcher gets
 * a new one, and what this one resolved is forgotten.
 *
 * <p>Safe for concurrent use. Values live in a {@link ClassValue}, so they go away with their class.
 */
final class TypeBindings {

  private final ServiceIndex index;
  private final DefaultEventBus bus;
  private final ContextSettings context;
  private final Switches switches;
  private final ServiceCounters counters;
  private final ClassValue<TypeBinding> types = new ClassValue<>() {
    @Override
    protected TypeBinding computeValue(Class<?> type) {
      return resolve(type);
    }
  };

  TypeBindings(ServiceIndex index, DefaultEventBus bus, ContextSettings context, Switches switches,
      ServiceCounters counters) {
    this.index = index;
    this.bus = bus;
    this.context = context;
    this.switches = switches;
    this.counters = counters;
  }

  ServiceIndex index() {
    return index;
  }

  ServiceCounters counters() {
    return counters;
  }

  Switches switches() {
    return switches;
  }

  TypeBinding of(Class<?> type) {
    return types.get(type);
  }

  DefaultEventBus bus() {
    return bus;
  }

  private TypeBinding resolve(Class<?> type) {
    ServiceIndex.Match<Class<?>> match = index.nearest(type, Class::getName, TypeBindings::supertypes);
    return match == null
        ? TypeBinding.unconfigured(this)
        : new TypeBinding(this, match.entry(), match.typeName(), MdcAccess.forLoader(type.getClassLoader(), context));
  }

  private static List<Class<?>> supertypes(Class<?> type) {
    List<Class<?>> result = new ArrayList<>();
    if (type.getSuperclass() != null) {
      result.add(type.getSuperclass());
    }
    for (Class<?> face : type.getInterfaces()) {
      result.add(face);
    }
    return result;
  }
}
