package dev.herald.agent.instrument;

import dev.herald.agent.bus.DefaultEventBus;
import dev.herald.agent.config.ContextSettings;
import dev.herald.agent.jmx.ServiceCounters;
import java.util.List;
import java.util.function.Function;

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
  private final ContextSettings context;
  private final Emitting emitting;
  // Anonymous classes, not method references: resolved on a configured class's first call, on the
  // application's thread, where a first method reference costs milliseconds of lambda bootstrap.
  private static final Function<Class<?>, String> CLASS_NAME = new Function<>() {
    @Override
    public String apply(Class<?> type) {
      return type.getName();
    }
  };
  private static final Function<Class<?>, List<Class<?>>> SUPERTYPES = new Function<>() {
    @Override
    public List<Class<?>> apply(Class<?> type) {
      return ServiceCoverage.supertypesOf(type);
    }
  };

  private final ClassValue<TypeBinding> types = new ClassValue<>() {
    @Override
    protected TypeBinding computeValue(Class<?> type) {
      return resolve(type);
    }
  };

  TypeBindings(ServiceIndex index, DefaultEventBus bus, ContextSettings context, Switches switches,
      ServiceCounters counters) {
    this.index = index;
    this.context = context;
    this.emitting = new Emitting(bus, switches, counters);
  }

  Switches switches() {
    return emitting.switches();
  }

  TypeBinding of(Class<?> type) {
    return types.get(type);
  }

  private TypeBinding resolve(Class<?> type) {
    ServiceIndex.Match<Class<?>> match = index.nearest(type, CLASS_NAME, SUPERTYPES);
    return match == null
        ? TypeBinding.unconfigured(emitting)
        : new TypeBinding(emitting, match.entry(), match.typeName(),
            MdcAccess.forLoader(type.getClassLoader(), context), type.getClassLoader());
  }

  /** What bindings of one services config share: where events go, the switches, the counters. */
  record Emitting(DefaultEventBus bus, Switches switches, ServiceCounters counters) {}
}
