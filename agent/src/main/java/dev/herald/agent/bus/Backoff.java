package dev.herald.agent.bus;

import java.util.concurrent.locks.LockSupport;

/**
 * How the bus waits without a signal: spin a little, then yield, then park for growing periods up
 * to {@link #MAX_PARK_NANOS}. Used by delivery threads looking for work, by publishers waiting for
 * room under {@link OverflowPolicy#BLOCK}, and by {@code flush}.
 *
 * <p>Stateless: the caller keeps the step count, so that waiting allocates nothing.
 */
final class Backoff {

  static final int SPINS = 64;
  static final int YIELDS = SPINS + 64;
  static final long MIN_PARK_NANOS = 10_000L;
  static final long MAX_PARK_NANOS = 1_000_000L;

  private Backoff() {}

  /** Waits a little; {@code step} is how many times the caller has waited in a row, from 0. */
  static void pause(int step) {
    if (step < SPINS) {
      Thread.onSpinWait();
    } else if (step < YIELDS) {
      Thread.yield();
    } else {
      LockSupport.parkNanos(parkNanos(step));
    }
  }

  /** The park time for {@code step}: doubling from 10 µs to 1 ms. */
  static long parkNanos(int step) {
    int doublings = Math.min(step - YIELDS, 7);
    return Math.min(MIN_PARK_NANOS << Math.max(doublings, 0), MAX_PARK_NANOS);
  }
}
