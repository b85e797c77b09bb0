package dev.herald.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.herald.agent.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;
import org.slf4j.Logger;

/**
 * Installs the class file transformer that weaves {@link WriteAdvice} into the write methods of
 * covered classes as they load (and, for classes already loaded, by retransformation). Method
 * bodies only: no fields, no methods, no change of class format, so it works by retransformation
 * and beside other agents.
 */
final class Instrumenter {

  private static final Logger log = AgentLog.get(Instrumenter.class);

  private Instrumenter() {}

  /**
   * @param retransformLoaded whether to instrument classes loaded before now (on attach); at
   *     premain only the JDK and the agent have loaded, and scanning them costs start-up time
   */
  static ClassFileTransformer install(Instrumentation inst, ServiceMatcher matcher, SiteRegistry sites,
      BaseRetransformer retransformer, boolean retransformLoaded) {
    return builder(matcher, sites, retransformer, retransformLoaded).installOn(inst);
  }

  /**
   * Installs, at start-up, a {@link GateTransformer} at once and Byte Buddy's transformer behind it
   * on a background thread, {@code herald-init}, so that the application need not wait for Byte
   * Buddy to start (hundreds of milliseconds) unless a covered class loads meanwhile.
   */
  static GateTransformer installLazily(Instrumentation inst, ServiceMatcher matcher, SiteRegistry sites,
      BaseRetransformer retransformer) {
    CompletableFuture<ClassFileTransformer> delegate = new CompletableFuture<>();
    GateTransformer gate = new GateTransformer(new ClassHeaders(matcher), delegate);
    inst.addTransformer(gate, true);
    Thread init = new Thread(new Runnable() {
      @Override
      public void run() {
        long started = System.nanoTime();
        try {
          delegate.complete(builder(matcher, sites, retransformer, false).makeRaw());
          log.debug("Byte Buddy ready in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (Throwable t) {
          log.error("Herald's instrumentation did not start; the application runs without events", t);
          delegate.completeExceptionally(t);
        }
      }
    }, "herald-init");
    init.setDaemon(true);
    init.start();
    return gate;
  }

  /**
   * Takes a share of Byte Buddy's start on the calling thread, a thread that would otherwise wait
   * for it, while {@code herald-init} parses the advice: initialises the class behind Byte Buddy's
   * transformer, which generates a class at run time (its Java 9 module support), about a third of
   * the build. Never throws: the build does it itself if this has not, and reports what fails.
   */
  static void helpStart() {
    try {
      Class.forName(AgentBuilder.Default.class.getName() + "$ExecutingTransformer", true,
          Instrumenter.class.getClassLoader());
    } catch (Throwable ignored) {
      // makeRaw() initialises it, and reports what fails
    }
  }

  private static AgentBuilder builder(ServiceMatcher matcher, SiteRegistry sites, BaseRetransformer retransformer,
      boolean retransformLoaded) {
    // Described from their class files, not by reflection: reflection would spin a proxy class for
    // each annotation type the advice uses, tens of milliseconds on the start-up path.
    ClassFileLocator locator = ClassFileLocator.ForClassLoader.of(Instrumenter.class.getClassLoader());
    TypePool pool = TypePool.Default.of(locator);
    Advice advice = Advice.withCustomMapping().bind(SiteId.class, new SiteMapping(sites))
        .to(pool.describe(WriteAdvice.class.getName()).resolve(), locator);
    Advice constructorAdvice = Advice.to(pool.describe(ConstructorAdvice.class.getName()).resolve(), locator);
    ElementMatcher.Junction<MethodDescription> writes = isMethod()
        .and(not(isAbstract()))
        .and(not(isNative()))
        .and(not(isPrivate()))
        .and(not(isBridge()))
        .and(not(isSynthetic()))
        .and(method -> matcher.mapsMethod(method.getName()));
    return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        // Attach retransforms what is loaded in small batches, so the application never stalls long.
        .with(AgentBuilder.RedefinitionStrategy.BatchAllocator.ForFixedSize.ofSize(50))
        .with(retransformLoaded
            ? AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.SinglePass.INSTANCE
            : new AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Explicit())
        .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
        .with(AgentBuilder.LocationStrategy.ForClassLoader.WEAK)
        .with(new ErrorListener())
        .ignore(none())
        .type(matcher)
        .transform((builder, type, loader, module, domain) -> {
          retransformer.transformed(type.getName());
          builder = builder.visit(advice.on(writes));
          return matcher.covered(type) ? builder.visit(constructorAdvice.on(isConstructor())) : builder;
        });
  }

  /** Logs each class that could not be instrumented, once; the class loads as it was. */
  private static final class ErrorListener extends AgentBuilder.Listener.Adapter {
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    @Override
    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
      if (reported.add(typeName)) {
        log.warn("could not instrument {}; it runs without Herald's events: {}", typeName, error.toString());
        log.debug("instrumentation failure for {}", typeName, error);
      }
    }

    @Override
    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
        net.bytebuddy.dynamic.DynamicType dynamicType) {
      log.debug("instrumented {}", type.getName());
    }
  }
}
