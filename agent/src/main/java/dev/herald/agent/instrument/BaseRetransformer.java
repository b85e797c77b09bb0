package dev.herald.agent.instrument;

import dev.herald.agent.log.AgentLog;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * Instruments base classes that loaded before the configured subclass that inherits their write
 * methods, by retransformation, outside class loading (a transformer must not retransform). This
 * happens when the first instance of a configured class is constructed (its constructors call
 * {@code HeraldHooks.constructing()}), so no call is missed, and on a background thread for
 * classes that are never constructed (static-only services). Pending bases are retransformed in
 * one call: each call stops every application thread while the JVM walks its loaded classes.
 *
 * <p>Safe for concurrent use.
 */
final class BaseRetransformer {

  private static final Logger log = AgentLog.get(BaseRetransformer.class);
  /** How long the background thread lets bases gather before it retransforms them. */
  private static final long GATHER_MILLIS = 10;

  private final Instrumentation inst;
  private final Set<String> transformed = ConcurrentHashMap.newKeySet();
  private final Queue<PendingBase> pending = new ConcurrentLinkedQueue<>();
  /** Bases registered and not yet dealt with, including one being retransformed right now. */
  private final AtomicInteger outstanding = new AtomicInteger();
  /**
   * Made for the first base: not in premain, where the pool's JDK classes (outside the JVM's shared
   * archive) and a lambda would cost the application's main thread before its first line.
   */
  private volatile ExecutorService worker;
  // not `this`: settle() holds that while it retransforms, and a class loading meanwhile on another
  // thread may need the worker
  private final Object workerLock = new Object();

  BaseRetransformer(Instrumentation inst) {
    this.inst = inst;
  }

  /** Records that {@code className} was transformed as it loaded. */
  void transformed(String className) {
    transformed.add(className);
  }

  /**
   * Names of the classes transformed so far, forgotten as they are returned: called when the
   * services change, when every instrumented class is retransformed and reports again whether it
   * still is.
   */
  Set<String> drainTransformed() {
    Set<String> names = new HashSet<>();
    for (Iterator<String> it = transformed.iterator(); it.hasNext(); ) {
      names.add(it.next());
      it.remove();
    }
    return names;
  }

  /** Names of the classes transformed since the last {@link #drainTransformed}. */
  Set<String> transformedNames() {
    return Set.copyOf(transformed);
  }

  /** Called when {@code className} became a base: it is checked before the next construction. */
  void newBase(String className, ClassLoader loader) {
    outstanding.incrementAndGet();
    pending.add(new PendingBase(className, loader));
    worker().execute(new Runnable() {
      @Override
      public void run() {
        if (outstanding.get() == 0) {
          return; // settled with an earlier batch
        }
        try {
          // A covered class registers all its bases at once: let them gather into one batch.
          Thread.sleep(GATHER_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        settle();
      }
    });
  }

  private ExecutorService worker() {
    ExecutorService current = worker;
    if (current == null) {
      synchronized (workerLock) {
        current = worker;
        if (current == null) {
          current = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
              new ThreadFactory() {
                @Override
                public Thread newThread(Runnable task) {
                  Thread thread = new Thread(task, "herald-retransform");
                  thread.setDaemon(true);
                  return thread;
                }
              });
          worker = current;
        }
      }
    }
    return current;
  }

  /**
   * Retransforms every pending base that loaded uninstrumented, in one call: each call stops every
   * application thread while the JVM walks its loaded classes (20-60 ms each with Spring Boot's).
   * Cheap when nothing is pending.
   */
  void settle() {
    if (outstanding.get() == 0) {
      return;
    }
    // Also waits for bases the background thread is retransforming at this moment.
    synchronized (this) {
      List<PendingBase> batch = new ArrayList<>();
      for (PendingBase base; (base = pending.poll()) != null; ) {
        batch.add(base);
      }
      try {
        retransformIfNeeded(batch);
      } finally {
        outstanding.addAndGet(-batch.size());
      }
    }
  }

  private void retransformIfNeeded(List<PendingBase> batch) {
    List<Class<?>> loaded = new ArrayList<>();
    List<PendingBase> bases = new ArrayList<>();
    for (PendingBase base : batch) {
      if (transformed.contains(base.className)) {
        continue;
      }
      try {
        // A subclass is being defined or constructed, so the JVM has loaded (or now loads) its base.
        Class<?> type = Class.forName(base.className, false, base.loader);
        if (!transformed.contains(base.className) && inst.isModifiableClass(type)) {
          loaded.add(type);
          bases.add(base);
        }
      } catch (Throwable t) {
        failed(base, t);
      }
    }
    if (loaded.isEmpty()) {
      return;
    }
    try {
      inst.retransformClasses(loaded.toArray(new Class<?>[0]));
      log.debug("retransformed in one call, as bases of configured classes: {}", names(bases));
    } catch (Throwable batchFailed) {
      // one class the JVM refuses fails the whole call: the others one by one
      for (int i = 0; i < loaded.size(); i++) {
        try {
          inst.retransformClasses(loaded.get(i));
        } catch (Throwable t) {
          failed(bases.get(i), t);
        }
      }
    }
  }

  private static List<String> names(List<PendingBase> bases) {
    List<String> names = new ArrayList<>();
    for (PendingBase base : bases) {
      names.add(base.className);
    }
    return names;
  }

  private static void failed(PendingBase base, Throwable t) {
    log.warn("could not instrument {}, which configured services inherit from: {}", base.className, t.toString());
  }

  private record PendingBase(String className, ClassLoader loader) {}
}
