package dev.herald.examples.audit;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.lang.reflect.Proxy;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.Spliterator;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.locks.Lock;
import java.util.stream.BaseStream;

/**
 * Types whose values are never looked into, because reading them consumes, blocks, loads data or
 * means nothing: streams, readers, sockets and channels, iterators, threads, class loaders,
 * futures, locks, lambdas, proxies and generated ({@code $$}) classes, lazy-loading collections
 * and connections of well-known libraries (matched by name: the plugin does not see those
 * libraries' classes).
 *
 * <p>Answers are cached per class. Safe for concurrent use.
 */
final class Hazards {

  // In order: the first match names the reason, so the catch-all AutoCloseable comes last.
  private static final List<Class<?>> TYPES = List.of(InputStream.class, OutputStream.class, Reader.class,
      Writer.class, java.nio.channels.Channel.class, java.net.Socket.class, java.net.ServerSocket.class,
      java.net.DatagramSocket.class, BaseStream.class, Iterator.class, Spliterator.class, Thread.class,
      ThreadGroup.class, ClassLoader.class, Future.class, CompletionStage.class, Executor.class, Lock.class,
      AutoCloseable.class);

  private static final Set<String> NAMES = Set.of("org.hibernate.proxy.HibernateProxy",
      "org.hibernate.collection.spi.PersistentCollection", "org.hibernate.Session",
      "jakarta.persistence.EntityManager", "javax.persistence.EntityManager", "javax.sql.DataSource",
      "org.springframework.context.ApplicationContext", "org.springframework.aop.framework.Advised",
      "org.springframework.beans.factory.BeanFactory", "javassist.util.proxy.ProxyObject",
      "net.bytebuddy.description.type.TypeDescription");

  private static final ClassValue<String> REASONS = new ClassValue<>() {
    @Override
    protected String computeValue(Class<?> type) {
      return reason(type);
    }
  };

  private Hazards() {}

  /** Why values of {@code type} must not be looked into, or null if they may be. */
  static String reasonFor(Class<?> type) {
    return REASONS.get(type);
  }

  private static String reason(Class<?> type) {
    if (Proxy.isProxyClass(type) || type.getName().contains("$$")) {
      return "proxy";
    }
    if (type.isSynthetic() || type.isHidden()) {
      return "lambda or generated class";
    }
    for (Class<?> hazard : TYPES) {
      if (hazard.isAssignableFrom(type)) {
        return hazard.getSimpleName();
      }
    }
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (NAMES.contains(c.getName())) {
        return c.getSimpleName();
      }
      for (Class<?> i : c.getInterfaces()) {
        String named = namedInterface(i);
        if (named != null) {
          return named;
        }
      }
    }
    return null;
  }

  private static String namedInterface(Class<?> type) {
    if (NAMES.contains(type.getName())) {
      return type.getSimpleName();
    }
    for (Class<?> parent : type.getInterfaces()) {
      String named = namedInterface(parent);
      if (named != null) {
        return named;
      }
    }
    return null;
  }
}
