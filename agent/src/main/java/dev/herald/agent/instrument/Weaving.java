package dev.herald.agent.instrument;

import dev.herald.agent.bootstrap.HeraldHooks;
import dev.herald.agent.bus.DefaultEventBus;
import dev.herald.agent.config.HeraldConfig;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.List;
import dev.herald.agent.config.ServiceEntry;
import dev.herald.agent.jmx.ServiceCounters;

/**
 * The instrumentation of one running agent: the dispatcher that instrumented methods call, and the
 * transformer that makes them call it.
 */
public final class Weaving {

  private final ClassFileTransformer transformer;
  private final Switches switches;

  private Weaving(ClassFileTransformer transformer, Switches switches) {
    this.transformer = transformer;
    this.switches = switches;
  }

  /**
   * Installs the dispatcher on the bootstrap hooks, then the transformer. Classes of the {@code
   * services} entries load instrumented from now on; when {@code attached}, those already loaded
   * are retransformed, in batches.
   */
  public static Weaving install(Instrumentation inst, HeraldConfig config, DefaultEventBus bus, boolean attached,
      ServiceCounters calls) {
    ServiceIndex index = new ServiceIndex(config.services());
    SiteRegistry sites = new SiteRegistry();
    Switches switches = new Switches(config.services());
    TypeBindings bindings = new TypeBindings(index, bus, config.context(), switches);
    BaseRetransformer retransformer = new BaseRetransformer(inst);
    HeraldHooks.install(new EventDispatcher(sites, bindings, bus, retransformer, calls));
    ClassFileTransformer transformer = index.isEmpty() ? null
        : attached ? Instrumenter.install(inst, index, sites, retransformer, true)
        : Instrumenter.installLazily(inst, index, sites, retransformer);
    return new Weaving(transformer, switches);
  }

  /**
   * Applies the {@code enabled} flags of {@code entries}, which must be the running entries with
   * only those flags changed: the next call of an affected method emits, or stops emitting.
   */
  public void applyEnabled(List<ServiceEntry> entries) {
    switches.set(entries);
  }

  /** True if a transformer is installed (the config names at least one service). */
  public boolean active() {
    return transformer != null;
  }
}
