package dev.herald.agent.instrument;

import java.time.Instant;

/**
 * Wall-clock time from {@link System#nanoTime()}: one clock read per event gives both its
 * timestamp and its duration. Re-anchored to {@link Instant#now()} at most once a second, so it
 * follows adjustments of the system clock.
 *
 * <p>Safe for concurrent use.
 */
final class EventClock {

  private static final long REANCHOR_NANOS = 1_000_000_000L;

  private volatile Anchor anchor = Anchor.now();

  /** Nanoseconds since the epoch at the moment {@code nanoTime} was read. */
  long epochNanos(long nanoTime) {
    Anchor current = anchor;
    if (nanoTime - current.nanoTime > REANCHOR_NANOS) {
      current = Anchor.now();
      anchor = current;
    }
    return current.epochNanos + (nanoTime - current.nanoTime);
  }

  private record Anchor(long epochNanos, long nanoTime) {
    static Anchor now() {
      Instant wall = Instant.now();
      long mono = System.nanoTime();
      return new Anchor(wall.getEpochSecond() * 1_000_000_000L + wall.getNano(), mono);
    }
  }
}
