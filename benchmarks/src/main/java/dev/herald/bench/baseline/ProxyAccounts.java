package dev.herald.bench.baseline;

import dev.herald.bench.service.Accounts;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/** Baseline (g): a JDK dynamic proxy that publishes a before and an after event to {@link GuavaBus}. */
public final class ProxyAccounts implements InvocationHandler {

  private final Accounts target;

  private ProxyAccounts(Accounts target) {
    this.target = target;
  }

  /** A proxy of {@link Accounts} around {@code target}. */
  public static Accounts wrap(Accounts target) {
    return (Accounts) Proxy.newProxyInstance(Accounts.class.getClassLoader(),
        new Class<?>[] {Accounts.class}, new ProxyAccounts(target));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    GuavaBus.INSTANCE.post(new BenchEvent("account.before.create", args, null, System.nanoTime()));
    Object result;
    try {
      result = method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    GuavaBus.INSTANCE.post(new BenchEvent("account.after.create", args, result, System.nanoTime()));
    return result;
  }
}
