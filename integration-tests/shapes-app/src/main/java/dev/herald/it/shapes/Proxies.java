package dev.herald.it.shapes;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;

/** JDK dynamic proxies of configured interfaces. */
final class Proxies {

  private Proxies() {}

  /** A proxy whose handler calls a real {@link CardGateway}: the call must emit once, not twice. */
  static PaymentGateway paymentsDelegatingToCard() {
    PaymentGateway target = new CardGateway();
    InvocationHandler handler = (proxy, method, args) -> method.invoke(target, args);
    return proxy(PaymentGateway.class, handler);
  }

  /** A proxy that is the only implementation there is. */
  static StockRepository stock() {
    InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
      case "create" -> "stock:" + args[0] + ":" + args[1];
      case "toString" -> "StockRepositoryProxy";
      case "hashCode" -> System.identityHashCode(proxy);
      case "equals" -> proxy == args[0];
      default -> throw new UnsupportedOperationException(method.getName());
    };
    return proxy(StockRepository.class, handler);
  }

  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
