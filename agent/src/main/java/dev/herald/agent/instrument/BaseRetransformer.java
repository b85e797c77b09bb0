package dev.herald.agent.instrument;

import dev.herald.agent.log.AgentLog;
import java.lang.instrument.Instrumentation;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Instruments a base class that loaded before the configured subclass that inherits its write
 * methods, by retransformation, off the class-loading thread (a transformer must not retransform).
 *
 * <p>Safe for concurrent use. Its one thread ends when idle.
 */
final class BaseRetransformer {

  private static final Logger log = AgentLog.get(BaseRetransformer.class);

  private final Instrumentation inst;
  private final Set<String> transformed = ConcurrentHashMap.newKeySet();
  private final ExecutorService worker;

  BaseRetransformer(Instrumentation inst) {
    this.inst = inst;
    ThreadPoolExecutor executor = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        task -> {
          Thread thread = new Thread(task, "herald-retransform");
          thread.setDaemon(true);
          return thread;
        });
    this.worker = executor;
  }

  /** Records that {@code className} was transformed as it loaded. */
  void transformed(String className) {
    transformed.add(className);
  }

  /** Called when {@code className} became a base; retransforms it if it had loaded uninstrumented. */
  void newBase(String className, ClassLoader loader) {
    worker.execute(() -> {
      if (transformed.contains(className)) {
        return;
      }
      try {
        // By now the JVM has loaded the base (a subclass needs it), so this finds it.
        Class<?> base = Class.forName(className, false, loader);
        if (!transformed.contains(className) && inst.isModifiableClass(base)) {
          inst.retransformClasses(base);
        }
      } catch (Throwable t) {
        log.warn("could not instrument base class {} that configured services inherit from: {}", className,
            t.toString());
      }
    });
  }
}
