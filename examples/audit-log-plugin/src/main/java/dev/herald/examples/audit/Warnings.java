package dev.herald.examples.audit;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Warnings about per-event problems, at most one per minute, telling how many were left out.
 *
 * <p>Plugins log through {@link System.Logger}: the JDK's own facade, so the plugin needs no
 * logging library. Safe for concurrent use.
 */
final class Warnings {

  private static final long PERIOD = TimeUnit.MINUTES.toNanos(1);

  private final AtomicLong next = new AtomicLong(System.nanoTime());
  private final AtomicLong suppressed = new AtomicLong();

  /** Logs {@code message} (which must not hold application values) unless one was logged lately. */
  void warn(String message, Throwable cause) {
    long now = System.nanoTime();
    long due = next.get();
    if (now - due >= 0 && next.compareAndSet(due, now + PERIOD)) {
      long left = suppressed.getAndSet(0);
      Log.LOG.log(Level.WARNING, "audit-log: " + message + ": " + cause
          + (left > 0 ? " (" + left + " similar warnings left out)" : ""));
    } else {
      suppressed.incrementAndGet();
    }
  }

  /** Made on the first warning: System.getLogger costs ~15 ms of CPU while the plugin starts. */
  private static final class Log {
    static final System.Logger LOG = System.getLogger("dev.herald.examples.audit");
  }
}
