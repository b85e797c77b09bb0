package dev.herald.agent;

import dev.herald.agent.log.AgentLog;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * The application's shutdown hooks, which the JVM runs beside Herald's at exit: a graceful shutdown
 * (Spring's, a server's, the application's own) may go on calling services there, and Herald's
 * drain waits for them to end so that the events of those calls are delivered, not left queued. A
 * hook that publishes nothing for a while is not waited for any longer (it may be waiting for
 * Herald's own shutdown).
 *
 * <p>The JVM keeps its hooks in a private map ({@code java.lang.ApplicationShutdownHooks.hooks}),
 * set to null once they run; so the map is taken beforehand ({@link #capture}, off the start's
 * critical path), with {@code java.lang} opened to Herald through {@link Instrumentation}. Hooks
 * added later go into the same map. Where that fails (another JVM's layout), Herald's drain still
 * waits for publishing to go quiet.
 *
 * <p>Safe for concurrent use.
 */
final class OtherShutdownHooks {

  private static final Logger log = AgentLog.get(OtherShutdownHooks.class);

  /** How long nothing new may be published before Herald stops waiting for the other hooks. */
  static final long QUIET_NANOS = 200_000_000L;
  private static final long STEP_NANOS = 10_000_000L;

  private static final String JUL_CLEANER = "java.util.logging.LogManager$Cleaner";

  private volatile Map<?, ?> hooks;

  /** Takes the JVM's map of hooks; never throws. */
  void capture(Instrumentation inst) {
    try {
      Class<?> type = Class.forName("java.lang.ApplicationShutdownHooks");
      Module herald = OtherShutdownHooks.class.getModule();
      if (!type.getModule().isOpen("java.lang", herald)) {
        inst.redefineModule(type.getModule(), Set.of(), Map.of(), Map.of("java.lang", Set.of(herald)), Set.of(),
            Map.of());
      }
      Field field = type.getDeclaredField("hooks");
      field.setAccessible(true);
      synchronized (type) { // as the JVM reads and writes it
        hooks = (Map<?, ?>) field.get(null);
      }
    } catch (Throwable t) {
      log.debug("the application's shutdown hooks are not visible; at exit the drain waits for publishing to"
          + " go quiet instead", t);
    }
  }

  /**
   * True unless it is known that the application has no shutdown hook of its own (besides the one
   * named {@code heraldsHook}): a hook may call services as the JVM exits. True too if the hooks
   * could not be taken.
   */
  boolean othersThan(String heraldsHook) {
    Map<?, ?> map = hooks;
    if (map == null) {
      return true;
    }
    try {
      for (Object key : map.keySet().toArray()) {
        // the JDK's logging registers one of its own (it only resets the loggers)
        if (!(key instanceof Thread thread)
            || !thread.getName().equals(heraldsHook) && !thread.getClass().getName().equals(JUL_CLEANER)) {
          return true;
        }
      }
      return false;
    } catch (RuntimeException concurrent) {
      return true;
    }
  }

  /**
   * At exit, waits until the application's other shutdown hooks have ended, while they publish:
   * once {@code published} has not moved for {@link #QUIET_NANOS} (a hook waiting for something
   * else, Herald's own shutdown among them), or at {@code deadline} ({@link System#nanoTime()}),
   * it returns. The bus delivers meanwhile. Returns at once if the hooks were not captured.
   */
  void awaitEnd(long deadline, LongSupplier published) {
    Map<?, ?> map = hooks;
    if (map == null) {
      return;
    }
    List<Thread> others = new ArrayList<>();
    try {
      for (Object key : map.keySet().toArray()) {
        if (key instanceof Thread thread && thread != Thread.currentThread()) {
          others.add(thread);
        }
      }
    } catch (RuntimeException concurrent) { // a hook added while exiting: the JVM refuses those anyway
      return;
    }
    long last = published.getAsLong();
    long quietSince = System.nanoTime();
    while (anyAlive(others, quietSince)) {
      long now = System.nanoTime();
      if (now - deadline >= 0 || now - quietSince >= QUIET_NANOS) {
        return;
      }
      LockSupport.parkNanos(STEP_NANOS);
      long count = published.getAsLong();
      if (count != last) {
        last = count;
        quietSince = System.nanoTime();
      }
    }
  }

  // a hook not started yet counts as alive for a moment: the JVM starts every hook, then joins them
  private static boolean anyAlive(List<Thread> threads, long since) {
    for (Thread thread : threads) {
      if (thread.isAlive() || thread.getState() == Thread.State.NEW && System.nanoTime() - since < STEP_NANOS * 5) {
        return true;
      }
    }
    return false;
  }
}
