package dev.herald.agent.instrument;

import java.lang.reflect.Method;

/**
 * Kotlin suspend functions, which Herald leaves as they are: kotlinc compiles {@code suspend fun
 * create(name: String): Account} to {@code Object create(String, Continuation)}, a state machine that
 * returns the {@code COROUTINE_SUSPENDED} marker at each suspension and is called again at each
 * resumption. Woven as a plain method, one call would emit an after event carrying the marker per
 * suspension and a new before per resumption. Shared by the weaver, {@code check} and the JMX view,
 * so that all three tell the same methods apart. Stateless.
 */
public final class KotlinSuspend {

  private static final String TAIL = "Lkotlin/coroutines/Continuation;)Ljava/lang/Object;";

  private KotlinSuspend() {}

  /** True for the JVM shape of a suspend function: a {@code Continuation} last, {@code Object} returned. */
  public static boolean is(String descriptor) {
    return descriptor.endsWith(TAIL);
  }

  /** As {@link #is(String)}, for a loaded method. */
  public static boolean is(Method method) {
    Class<?>[] parameters = method.getParameterTypes();
    return method.getReturnType() == Object.class && parameters.length > 0
        && parameters[parameters.length - 1].getName().equals("kotlin.coroutines.Continuation");
  }
}
