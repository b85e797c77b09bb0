package org.example.legacy;

import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.MethodDelegation;
import net.bytebuddy.implementation.bind.annotation.RuntimeType;
import net.bytebuddy.implementation.bind.annotation.SuperCall;

/**
 * Uses the application's own Byte Buddy at run time, as real applications do: a generated subclass
 * of a service that counts calls to its public methods and then runs the real method.
 */
public final class CountingProxies {

  private static final AtomicInteger CALLS = new AtomicInteger();

  private CountingProxies() {}

  /** A new instance of a Byte Buddy subclass of {@code type} that counts its public method calls. */
  public static <T> T counting(Class<T> type)
      throws NoSuchMethodException, InstantiationException, IllegalAccessException,
          InvocationTargetException {
    Class<? extends T> generated = new ByteBuddy()
        .subclass(type)
        .method(isDeclaredBy(type).and(isPublic()))
        .intercept(MethodDelegation.withDefaultConfiguration()
            .filter(named("intercept"))
            .to(CountingProxies.class))
        .make()
        .load(type.getClassLoader())
        .getLoaded();
    return generated.getDeclaredConstructor().newInstance();
  }

  /** Calls counted so far by all generated subclasses. */
  public static int calls() {
    return CALLS.get();
  }

  /** The interceptor the generated subclasses delegate to; public because generated code calls it. */
  @RuntimeType
  public static Object intercept(@SuperCall Callable<?> original) throws Exception {
    CALLS.incrementAndGet();
    return original.call();
  }
}
