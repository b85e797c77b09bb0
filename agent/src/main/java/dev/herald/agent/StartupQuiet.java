package dev.herald.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Tells when the application has stopped loading classes for a moment, as a sign that its start
 * has settled. Herald's own Logback and JMX beans (a few hundred classes, ~150 ms of CPU) are set
 * up then rather than while the application starts, where on a machine of one or two cores they
 * would take CPU from it; until then the agent logs through its small line writer. Watches with a
 * transformer that changes nothing and is removed once the wait is over.
 *
 * <p>Safe for concurrent use; {@link #await} is called once, by {@code herald-start}.
 */
final class StartupQuiet implements ClassFileTransformer {

  /** No class loaded for this long: the start has settled. */
  private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  /** Waits no longer than this after premain, however busy the application stays. */
  private static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final Instrumentation inst;
  private final long installed = System.nanoTime();
  private volatile long lastLoad = installed;

  private StartupQuiet(Instrumentation inst) {
    this.inst = inst;
  }

  /** Starts watching class loading. */
  static StartupQuiet install(Instrumentation inst) {
    StartupQuiet quiet = new StartupQuiet(inst);
    inst.addTransformer(quiet, false);
    return quiet;
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain domain, byte[] bytes) {
    lastLoad = System.nanoTime();
    return null;
  }

  /**
   * Returns once no class has loaded for 250 ms, at most 5 s after premain, or at once when {@code
   * stopping} (read at each poll) turns true; stops watching.
   */
  void await(Stopping stopping) {
    try {
      while (!stopping.now()) {
        long now = System.nanoTime();
        long quietFor = now - lastLoad;
        if (quietFor >= QUIET_NANOS || now - installed >= MAX_NANOS) {
          return;
        }
        LockSupport.parkNanos(Math.min(POLL_NANOS, QUIET_NANOS - quietFor));
      }
    } finally {
      inst.removeTransformer(this);
    }
  }

  /** Whether the JVM is exiting, for {@link #await}. */
  interface Stopping {
    boolean now();
  }
}
