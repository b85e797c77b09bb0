package dev.herald.agent.instrument;

import dev.herald.agent.bootstrap.HeraldHooks;
import dev.herald.agent.bus.DefaultEventBus;
import dev.herald.agent.config.ContextSettings;
import dev.herald.agent.config.HeraldConfig;
import dev.herald.agent.config.ServiceEntry;
import dev.herald.agent.jmx.ServiceCounters;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The instrumentation of one running agent: the dispatcher that instrumented methods call, and the
 * transformer that makes them call it. The services can be replaced while the application runs
 * ({@link #replaceServices}): loaded classes are then instrumented or restored by retransformation.
 *
 * <p>Safe for concurrent use; changes are applied one at a time.
 */
public final class Weaving {

  private final Instrumentation inst;
  private final DefaultEventBus bus;
  private final ContextSettings context;
  private final ServiceCounters calls;
  private final SiteRegistry sites;
  private final BaseRetransformer retransformer;
  private final ServiceMatcher matcher;
  private final EventDispatcher dispatcher;
  private ClassFileTransformer transformer;

  private Weaving(Instrumentation inst, HeraldConfig config, DefaultEventBus bus, ServiceCounters calls) {
    this.inst = inst;
    this.bus = bus;
    this.context = config.context();
    this.calls = calls;
    this.sites = new SiteRegistry();
    this.retransformer = new BaseRetransformer(inst);
    ServiceIndex index = new ServiceIndex(config.services());
    this.matcher = new ServiceMatcher(index, retransformer::newBase);
    this.dispatcher = new EventDispatcher(sites, bindings(index, config.services()), bus, retransformer);
  }

  /**
   * Installs the dispatcher on the bootstrap hooks, then the transformer. Classes of the {@code
   * services} entries load instrumented from now on; when {@code attached}, those already loaded
   * are retransformed, in batches.
   */
  public static Weaving install(Instrumentation inst, HeraldConfig config, DefaultEventBus bus, boolean attached,
      ServiceCounters calls) {
    Weaving weaving = new Weaving(inst, config, bus, calls);
    HeraldHooks.install(weaving.dispatcher);
    if (!config.services().isEmpty()) {
      weaving.transformer = attached ? Instrumenter.install(inst, weaving.matcher, weaving.sites, weaving.retransformer,
          true) : Instrumenter.installLazily(inst, weaving.matcher, weaving.sites, weaving.retransformer);
    }
    return weaving;
  }

  /**
   * Applies the {@code enabled} flags of {@code entries}, which must be the running entries with
   * only those flags changed: the next call of an affected method emits, or stops emitting.
   */
  public synchronized void applyEnabled(List<ServiceEntry> entries) {
    dispatcher.bindings().switches().set(entries);
  }

  /**
   * Replaces the services: from the next call, events follow {@code entries}; loaded classes they
   * cover are instrumented, and loaded classes they no longer cover are restored, by
   * retransformation in batches. Classes that load later follow {@code entries} too.
   *
   * @return what was retransformed, for the log and JMX
   */
  public synchronized ServicesChanged replaceServices(List<ServiceEntry> entries) {
    if (transformer instanceof GateTransformer gate && !gate.awaitReady()) {
      throw new IllegalStateException("Byte Buddy is not ready; the services were not changed");
    }
    long started = System.nanoTime();
    ServiceIndex next = new ServiceIndex(entries);
    Set<String> before = retransformer.transformedNames();
    AffectedClasses affected = AffectedClasses.find(inst, next, before);
    // The new rules first, so that classes retransformed or loaded from here on follow them.
    matcher.use(next, affected.bases());
    dispatcher.use(bindings(next, entries));
    if (transformer == null && !next.isEmpty()) {
      transformer = Instrumenter.install(inst, matcher, sites, retransformer, false);
    }
    retransformer.forgetTransformed();
    List<String> failed = Retransformation.inBatches(inst, affected.classes());
    Set<String> after = retransformer.transformedNames();
    Set<String> restored = new HashSet<>(before);
    restored.removeAll(after);
    Set<String> added = new HashSet<>(after);
    added.removeAll(before);
    return new ServicesChanged(affected.classes().size(), added.size(), restored.size(), failed,
        (System.nanoTime() - started) / 1_000_000);
  }

  /** True if a transformer is installed (the config names, or named, at least one service). */
  public synchronized boolean active() {
    return transformer != null;
  }

  private TypeBindings bindings(ServiceIndex index, List<ServiceEntry> entries) {
    return new TypeBindings(index, bus, context, new Switches(entries), calls);
  }
}
