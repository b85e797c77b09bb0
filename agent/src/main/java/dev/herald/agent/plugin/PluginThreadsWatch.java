package dev.herald.agent.plugin;

import dev.herald.agent.log.AgentLog;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Keeps a plugin's non-daemon threads from holding the JVM open after the application is done.
 * The JVM runs shutdown hooks (where plugins are stopped) only once the last non-daemon thread has
 * ended, so a plugin thread that waits for {@code stop()} would wait forever. When the
 * application's main thread has ended and every non-daemon thread left belongs to a plugin, the
 * threads are named in the log and the JVM exits as it would have without the plugin.
 *
 * <p>One daemon thread, {@code herald-exit-watch}, that looks twice a second once main has ended;
 * only started when a plugin's {@code start} left non-daemon threads.
 */
public final class PluginThreadsWatch implements Runnable {

  private static final Logger log = AgentLog.get(PluginThreadsWatch.class);
  private static final long PERIOD_MILLIS = 500;
  private static final Set<String> JVM_THREADS = Set.of("DestroyJavaVM");

  private final Thread main;

  private PluginThreadsWatch(Thread main) {
    this.main = main;
  }

  /**
   * Starts watching if a plugin has started non-daemon threads (checked now, after the plugins
   * started); {@code main} is the application's main thread (the one that ran premain).
   */
  public static void startIfNeeded(Thread main) {
    if (nonDaemonThreads().stream().noneMatch(t -> t.getContextClassLoader() instanceof PluginClassLoader)) {
      return; // the usual case: no extra thread
    }
    Thread thread = new Thread(new PluginThreadsWatch(main), "herald-exit-watch");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void run() {
    try {
      main.join();
      while (true) {
        List<Thread> left = nonDaemonThreads();
        if (left.isEmpty()) {
          return; // the JVM is exiting on its own
        }
        if (left.stream().allMatch(t -> t.getContextClassLoader() instanceof PluginClassLoader)) {
          log.warn("the application has ended, but plugin threads {} are not daemon threads and would keep the"
              + " JVM running; exiting", left.stream().map(PluginThreadsWatch::describe).sorted().toList());
          System.exit(0);
          return;
        }
        Thread.sleep(PERIOD_MILLIS);
      }
    } catch (InterruptedException stop) {
      Thread.currentThread().interrupt();
    }
  }

  private static String describe(Thread thread) {
    return thread.getName() + " of " + thread.getContextClassLoader().getName();
  }

  private static List<Thread> nonDaemonThreads() {
    Thread self = Thread.currentThread();
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t != self && t.isAlive() && !t.isDaemon() && !JVM_THREADS.contains(t.getName()))
        .toList();
  }
}
