package dev.herald.agent.plugin;

import dev.herald.agent.log.AgentLog;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Finds the non-daemon threads a plugin left running after its {@code stop}. Threads cannot be
 * killed, and such a thread keeps the JVM from exiting; the user should know it is the plugin's
 * doing, not Herald's. A thread belongs to a plugin when its context class loader is the plugin's:
 * threads inherit it from the start and stop threads, and the listener wrapper sets it.
 */
final class LeftThreads {

  private static final Logger log = AgentLog.get(LeftThreads.class);
  // threads a plugin told to end in stop() often need a moment to get there: an executor's
  // shutdown() returns before its workers have finished
  private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private LeftThreads() {}

  /** Logs a WARN naming the plugin's live non-daemon threads, after a short grace; none, no log. */
  static void warnIfAny(LoadedPlugin plugin) {
    List<Thread> left = find(plugin.jar().loader());
    long deadline = System.nanoTime() + GRACE_NANOS;
    for (Thread thread : left) {
      long remaining = deadline - System.nanoTime();
      if (remaining > 0) {
        try {
          TimeUnit.NANOSECONDS.timedJoin(thread, remaining);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    List<String> names = left.stream().filter(Thread::isAlive).map(Thread::getName).sorted().toList();
    if (!names.isEmpty()) {
      log.warn("plugin '{}' ({}) left non-daemon threads running after stop: {}. Herald cannot end"
              + " them, and they may keep the JVM from exiting.",
          plugin.name(), plugin.jar().display(), names);
    }
  }

  static List<Thread> find(ClassLoader loader) {
    Thread self = Thread.currentThread();
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t != self && t.isAlive() && !t.isDaemon() && t.getContextClassLoader() == loader)
        .toList();
  }
}
