package dev.herald.agent.instrument;

import dev.herald.agent.bootstrap.HeraldHooks;
import dev.herald.agent.bus.DefaultEventBus;
import dev.herald.agent.bus.HeldEvents;
import dev.herald.agent.config.ContextSettings;
import dev.herald.agent.config.HeraldConfig;
import dev.herald.agent.config.ServiceEntry;
import dev.herald.agent.jmx.ServiceCounters;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

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

  private Weaving(Instrumentation inst, HeraldConfig config, DefaultEventBus bus, HeldEvents held,
      ServiceCounters calls) {
    this.inst = inst;
    this.bus = bus;
    this.context = config.context();
    this.calls = calls;
    this.sites = new SiteRegistry();
    this.retransformer = new BaseRetransformer(inst);
    ServiceIndex index = new ServiceIndex(config.services());
    BaseRetransformer bases = retransformer;
    // an anonymous class, not retransformer::newBase: premain spins no lambdas (see BackgroundStart)
    this.matcher = new ServiceMatcher(index, new BiConsumer<String, ClassLoader>() {
      @Override
      public void accept(String className, ClassLoader loader) {
        bases.newBase(className, loader);
      }
    });
    this.dispatcher = new EventDispatcher(sites, bindings(index, config.services()), bus, held, retransformer);
  }

  /**
   * Installs the dispatcher on the bootstrap hooks, then the transformer. Classes of the {@code
   * services} entries load instrumented from now on; those already loaded (all of them when {@code
   * attached}; at start, those another agent's premain loaded before Herald's) are retransformed,
   * in batches.
   *
   * @param held where the events of calls made while the plugins start are kept
   */
  public static Weaving install(Instrumentation inst, HeraldConfig config, DefaultEventBus bus, HeldEvents held,
      boolean attached, ServiceCounters calls) {
    Weaving weaving = new Weaving(inst, config, bus, held, calls);
    HeraldHooks.install(weaving.dispatcher);
    if (!config.services().isEmpty()) {
      weaving.transformer = weaving.installTransformer();
      if (attached || AffectedClasses.anyCandidate(inst.getAllLoadedClasses())) {
        AffectedClasses loaded = AffectedClasses.find(inst, config.services(), Set.of());
        weaving.matcher.addKnownBases(loaded.bases());
        Retransformation.inBatches(inst, loaded.classes());
      }
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
    long started = System.nanoTime();
    ServiceIndex next = new ServiceIndex(entries);
    if (transformer == null && !next.isEmpty()) {
      // Before the swap, so that a failure here leaves the running services whole.
      transformer = installTransformer();
    }
    // The new rules first: classes that load from here on follow them.
    matcher.use(next, Set.of());
    dispatcher.use(bindings(next, entries));
    // Drained after the swap, so it holds every class woven under the old rules, even one that
    // loaded while the swap happened.
    Set<String> before = retransformer.drainTransformed();
    AffectedClasses affected = AffectedClasses.find(inst, entries, before);
    matcher.addKnownBases(affected.bases());
    List<String> failed = new ArrayList<>(Retransformation.inBatches(inst, affected.classes()));
    // A class whose transformation began under the old rules and that was defined after the list
    // above was taken: one more look, at what is loaded now.
    Set<Class<?>> done = Collections.newSetFromMap(new IdentityHashMap<>());
    done.addAll(affected.classes());
    Set<String> woven = new HashSet<>(before);
    woven.addAll(retransformer.transformedNames());
    AffectedClasses late = AffectedClasses.find(inst, entries, woven);
    matcher.addKnownBases(late.bases());
    List<Class<?>> rest = late.classes().stream().filter(type -> !done.contains(type)).toList();
    failed.addAll(Retransformation.inBatches(inst, rest));
    for (String name : failed) {
      if (before.contains(name)) {
        retransformer.transformed(name); // still woven as it was: it must be restored at a later change
      }
    }
    Set<String> after = retransformer.transformedNames();
    Set<String> restored = new HashSet<>(before);
    restored.removeAll(after);
    Set<String> added = new HashSet<>(after);
    added.removeAll(before);
    return new ServicesChanged(affected.classes().size() + rest.size(), added.size(), restored.size(), failed,
        (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * From now on, after every garbage collection, the instrumented methods let go of the classes they
   * last ran for (see {@link Site#forget}), so that a collection that can unload classes (G1's
   * concurrent cycle, a full GC) finds nothing of Herald holding an undeployed application's
   * loader. Once, on {@code herald-start}: needs {@code java.management}, and is skipped without it.
   */
  public void releaseLoadersAfterCollections() {
    try {
      LoaderRelease.afterEachCollection(new Runnable() { // premain spins no lambdas; neither does this
        @Override
        public void run() {
          sites.forgetResolvedTypes();
        }
      });
    } catch (Throwable noManagement) {
      // LoaderRelease itself could not be linked without java.management: as it says, skipped
    }
  }

  /** The classes loaded in the JVM now. */
  public Class<?>[] loadedClasses() {
    return inst.getAllLoadedClasses();
  }

  /** The class names a {@code services} entry named that were seen loading in this run, unloaded since or not. */
  public Set<String> namedClassesSeen() {
    return matcher.namedSeen();
  }

  /** True if a transformer is installed (the config names, or named, at least one service). */
  public synchronized boolean active() {
    return transformer != null;
  }

  private ClassFileTransformer installTransformer() {
    ClassFileTransformer installed = new HeraldTransformer(matcher, sites, retransformer);
    inst.addTransformer(installed, true);
    return installed;
  }

  private TypeBindings bindings(ServiceIndex index, List<ServiceEntry> entries) {
    return new TypeBindings(index, bus, context, new Switches(entries), calls);
  }
}
