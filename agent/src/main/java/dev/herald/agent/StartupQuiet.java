package dev.herald.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Tells when the application has stopped loading classes for a moment, as a sign that its start
 * has settled. The plugins start then (with {@code plugins.start: deferred}, unless an event wants
 * them first), and Herald's own Logback and JMX beans (a few hundred classes, ~150 ms of CPU) are
 * set up then, rather than while the application starts, where on a machine of one or two cores
 * they would take CPU from it; until then the agent logs through its small line writer. Where
 * Herald's transformer runs anyway, watches with a transformer that changes nothing, removed by
 * {@link #stopWatching}; otherwise counts the loaded classes at each poll, since a first
 * transformer would make the JVM read the class file of every class it then loads from its shared
 * archive.
 *
 * <p>Safe for concurrent use; {@link #await} and {@link #stopWatching} are called by {@code
 * herald-start} only.
 */
final class StartupQuiet implements ClassFileTransformer {

  /** No class loaded for this long: the start has settled. */
  private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  /** Waits no longer than this after premain, however busy the application stays. */
  private static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final Instrumentation inst;
  private final boolean transforming;
  private final long installed = System.nanoTime();
  private volatile long lastLoad = installed;
  // when not transforming: the count at await's last poll; none yet, so the first poll counts as a load
  private int loadedClasses = -1;

  private StartupQuiet(Instrumentation inst, boolean transforming) {
    this.inst = inst;
    this.transforming = transforming;
  }

  /**
   * Starts watching class loading.
   *
   * @param transformerRuns whether a transformer of Herald's is installed: then watching with one
   *     more costs each class load little
   */
  static StartupQuiet install(Instrumentation inst, boolean transformerRuns) {
    StartupQuiet quiet = new StartupQuiet(inst, transformerRuns);
    if (transformerRuns) {
      inst.addTransformer(quiet, false);
    }
    return quiet;
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain domain, byte[] bytes) {
    lastLoad = System.nanoTime();
    return null;
  }

  /**
   * Returns true once no class has loaded for 250 ms, or 5 s after premain however busy the
   * application stays; false as soon as {@code until} turns true. {@code until} is read at each
   * poll, and when the waiting thread is unparked. Watching goes on until {@link #stopWatching}.
   */
  boolean await(Stopping until) {
    while (!until.now()) {
      long now = System.nanoTime();
      if (!transforming) {
        int loaded = inst.getAllLoadedClasses().length;
        if (loaded != loadedClasses) {
          loadedClasses = loaded;
          lastLoad = now;
        }
      }
      long quietFor = now - lastLoad;
      if (quietFor >= QUIET_NANOS || now - installed >= MAX_NANOS) {
        return true;
      }
      LockSupport.parkNanos(Math.min(POLL_NANOS, QUIET_NANOS - quietFor));
    }
    return false;
  }

  /** Stops watching class loading; {@link #await} must not be called after. */
  void stopWatching() {
    if (transforming) {
      inst.removeTransformer(this);
    }
  }

  /** When {@link #await} should stop waiting for the start to settle. */
  interface Stopping {
    boolean now();
  }
}
