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
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
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

  static ClassFileTransformer install(Instrumentation inst, ServiceIndex index, SiteRegistry sites,
      BaseRetransformer retransformer) {
    ServiceMatcher matcher = new ServiceMatcher(index, retransformer::newBase);
    Advice advice = Advice.withCustomMapping().bind(SiteId.class, new SiteMapping(sites)).to(WriteAdvice.class);
    Advice constructorAdvice = Advice.to(ConstructorAdvice.class);
    ElementMatcher.Junction<MethodDescription> writes = isMethod()
        .and(not(isAbstract()))
        .and(not(isNative()))
        .and(not(isPrivate()))
        .and(not(isBridge()))
        .and(not(isSynthetic()))
        .and(method -> index.mapsMethod(method.getName()));
    return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
        .with(AgentBuilder.LocationStrategy.ForClassLoader.WEAK)
        .with(new ErrorListener())
        .ignore(none())
        .type(matcher)
        .transform((builder, type, loader, module, domain) -> {
          retransformer.transformed(type.getName());
          builder = builder.visit(advice.on(writes));
          return matcher.covered(type) ? builder.visit(constructorAdvice.on(isConstructor())) : builder;
        })
        .installOn(inst);
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
