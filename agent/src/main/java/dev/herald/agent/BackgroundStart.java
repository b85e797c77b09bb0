package dev.herald.agent;

import dev.herald.agent.bootstrap.HeraldHooks;
import dev.herald.agent.log.AgentLog;
import dev.herald.agent.plugin.PluginManager;
import dev.herald.agent.plugin.PluginThreadsWatch;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;

/**
 * The part of the agent's start that the application need not wait for, on one daemon thread,
 * {@code herald-start}, while the application's {@code main} runs: starts the plugins, lets go the
 * events that waited for them ({@link HeraldHooks#release}), then sets up Logback and does what
 * {@link #later} does (the JMX beans), unless the JVM is exiting by then.
 *
 * <p>With {@code plugins.start: deferred}, the plugins wait for the application's start to settle
 * ({@link StartupQuiet}), so that their start does not take CPU from it, unless an event wants them
 * first, or the JVM exits first: then they start at once if an event was made or the application
 * has shutdown hooks of its own (which may still call services), and not at all otherwise. Events are held ({@link
 * HeraldHooks#hold}) until the plugins have started, kept in order and published once they have
 * subscribed (so that no plugin misses an event for having started after the application), while
 * the calls go on: instrumented calls, and {@code publish} from code ({@link HeldBus}). The first
 * call wakes this thread ({@link HeraldHooks#wakeOnDemand}).
 *
 * <p>The steps are methods to override rather than lambdas: every lambda costs the premain
 * thread a class spun at run time, and capturing ones a method handle shape too.
 */
abstract class BackgroundStart implements Runnable {

  private static final Logger log = AgentLog.get(BackgroundStart.class);
  /** What {@link #started} is told when the JVM exited before any event wanted the plugins. */
  static final String NOT_STARTED = "not started";

  private final PluginManager plugins;
  private final Thread main;
  private final StartupQuiet quiet;
  private final boolean deferPlugins;
  private final CountDownLatch pluginsDone = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopping;
  /** Whether an event had wanted the plugins when the JVM began to exit: which came first, for the log. */
  private volatile boolean demandedBeforeExit;
  private volatile Thread thread;

  /**
   * @param main the application's main thread, watched for plugin threads left at its end; null
   *     when attached
   * @param quiet waited for before Logback and the later steps, so that they do not compete with
   *     the application's start; null to go on at once (attached: the application has started)
   * @param deferPlugins whether the plugins, too, wait for {@code quiet}, or for the first event
   *     ({@code plugins.start: deferred}); ignored when {@code quiet} is null
   */
  BackgroundStart(PluginManager plugins, Thread main, StartupQuiet quiet, boolean deferPlugins) {
    this.plugins = plugins;
    this.main = main;
    this.quiet = quiet;
    this.deferPlugins = deferPlugins;
  }

  /** Runs first, before the plugins' start or the wait for it (takes the application's shutdown hooks). */
  abstract void first();

  /**
   * Whether the application has shutdown hooks of its own (true if unknown): at exit they may call
   * services, whose events the plugins must then receive.
   */
  abstract boolean applicationHooks();

  /** Runs just before events are let go (puts the bus itself in place of the held one). */
  abstract void beforeRelease();

  /**
   * Runs once the plugins have started and events flow (logs that Herald started).
   *
   * @param when when the plugins started, for the log: "at once", "at the first event", ...
   */
  abstract void started(String when);

  /** Runs after Logback is set up, unless the JVM is exiting. */
  abstract void later();

  /** Starts the thread; events must be held by then: it releases them. Returns this. */
  final BackgroundStart begin() {
    Thread started = new Thread(this, "herald-start");
    started.setDaemon(true);
    thread = started;
    started.start();
    return this;
  }

  @Override
  public final void run() {
    boolean settled = false;
    try {
      String when = "at once";
      try {
        first();
        if (quiet != null && deferPlugins) {
          HeraldHooks.wakeOnDemand(Thread.currentThread());
          settled = quiet.await(new StartupQuiet.Stopping() {
            @Override
            public boolean now() {
              return stopping || HeraldHooks.demanded();
            }
          });
          // both may be true by the time this thread runs again (a loaded machine, a short main):
          // the first event counts if it came before the exit began
          when = settled ? "when the application's start settled"
              : stopping && !demandedBeforeExit ? "as the JVM exits" : "at the first event";
        }
        if (stopping && !settled && !HeraldHooks.demanded() && quiet != null && deferPlugins
            && !applicationHooks()) {
          // Nothing for them to deliver, nor any hook of the application that could still call a
          // service: a JVM that ends this early without a call is most often not the application (a
          // health check, a script) and would pay each plugin's start and stop.
          when = NOT_STARTED;
        } else {
          plugins.startAll();
        }
        if (main != null) {
          PluginThreadsWatch.startIfNeeded(main);
        }
      } catch (Throwable t) {
        log.error("Herald's plugins did not start", t);
      } finally {
        try {
          beforeRelease();
        } finally {
          HeraldHooks.release();
        }
      }
      started(when);
    } finally {
      pluginsDone.countDown();
    }
    try {
      if (quiet != null) {
        if (!settled) {
          quiet.await(new StartupQuiet.Stopping() {
            @Override
            public boolean now() {
              return stopping;
            }
          });
        }
        quiet.stopWatching();
      }
      if (!stopping) {
        AgentLog.setUpLogback();
      }
      if (!stopping) {
        later();
      }
    } finally {
      finished.countDown();
    }
  }

  /**
   * For the shutdown hook: skips what is left after the plugins, and waits up to {@code timeout}
   * for the plugins to have started, so that they are stopped after, not while, they start, and
   * for a later step already under way to end.
   *
   * @return false if they were still starting after {@code timeout}
   */
  final boolean stopAfterPlugins(Duration timeout) throws InterruptedException {
    demandedBeforeExit = HeraldHooks.demanded();
    stopping = true;
    Thread waiting = thread;
    if (waiting != null) {
      LockSupport.unpark(waiting); // out of a wait for the start to settle
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean started = pluginsDone.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    // and for a step already under way (Logback, JMX): no Herald thread outlives the exit's work
    finished.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    return started;
  }
}
