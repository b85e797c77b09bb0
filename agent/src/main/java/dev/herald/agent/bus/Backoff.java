package dev.herald.agent.bus;

import java.util.concurrent.locks.LockSupport;

/**
 * How the bus waits without a signal: spin a little, then yield, then park for growing periods up
 * to {@link #MAX_PARK_NANOS}. Used by publishers waiting for room under {@link
 * OverflowPolicy#BLOCK} and by {@code flush}; delivery threads only nap ({@link #napNanos}).
 *
 * <p>Stateless: the caller keeps the step count, so that waiting allocates nothing.
 */
final class Backoff {

  static final int SPINS = 64;
  static final int YIELDS = SPINS + 64;
  static final long MIN_PARK_NANOS = 10_000L;
  static final long MAX_PARK_NANOS = 1_000_000L;

  /** Bounds of a delivery thread's first nap after finding no work; see {@link #firstNapNanos}. */
  static final long MIN_NAP_NANOS = 20_000L;
  static final long MAX_FIRST_NAP_NANOS = 250_000L;
  /** Roughly the fastest one publisher fills a queue slot (an instrumented call, two events). */
  static final long FAST_PUBLISH_NANOS = 50L;
  /**
   * The nap of an idle delivery thread while another one watches for work ({@link
   * DeliveryPool#watch}): it only takes over subscriptions that the busy threads leave waiting,
   * for instance while a listener hangs, so it need not look often.
   */
  static final long STANDBY_NAP_NANOS = 10_000_000L;
  /**
   * The longest nap of the watching delivery thread while the bus delivers: with several
   * subscriptions one thread may find every queue with work claimed by another and nap, and it must
   * rejoin soon when work piles up.
   */
  static final long MAX_BUSY_NAP_NANOS = 1_000_000L;
  /**
   * The longest nap once no thread of the pool has delivered anything for {@link
   * #QUIET_BEFORE_LONG_NAPS_NANOS}: a service writing a few times a second never idles the full
   * second that sends the threads to deep sleep, and with 1 ms naps woke a core a thousand times a
   * second for it. An event of such a trickle waits at most this long; a queue half full, a flush
   * or shutdown cut the nap short.
   */
  static final long MAX_NAP_NANOS = 10_000_000L;
  static final long QUIET_BEFORE_LONG_NAPS_NANOS = 20_000_000L;
  /** Naps double up to their cap after this many in a row. */
  static final int MAX_NAP_STEP = 10;

  private Backoff() {}

  /**
   * A delivery thread's first nap for queues of {@code queueCapacity}: about the time a fast
   * publisher takes to fill a quarter of the queue (100 µs for 8192), within 20-250 µs. Each nap
   * costs a timer, a context switch and a cold cache, so the longer the better, as long as the
   * queue does not fill meanwhile; a publisher wakes a napping thread at half full anyway.
   */
  static long firstNapNanos(int queueCapacity) {
    long quarter = FAST_PUBLISH_NANOS * Math.max(queueCapacity / 4, 1);
    return Math.max(MIN_NAP_NANOS, Math.min(quarter, MAX_FIRST_NAP_NANOS));
  }

  /**
   * How long to nap after {@code naps} naps in a row without work: doubling up to 1 ms while the
   * bus delivers, up to 10 ms once it has been {@code quiet} (see {@link #MAX_NAP_NANOS}).
   */
  static long napNanos(long firstNap, int naps, boolean quiet) {
    return Math.min(firstNap << Math.min(naps, MAX_NAP_STEP), quiet ? MAX_NAP_NANOS : MAX_BUSY_NAP_NANOS);
  }

  /**
   * Waits a little; {@code step} is how many times the caller has waited in a row, from 0.
   *
   * <p>Before it parks it clears the thread's interrupt, since parkNanos returns at once for an
   * interrupted thread, which would turn an interrupted flush or blocked publish into a spin for
   * its whole timeout. The caller gives the interrupt back when its wait ends (setting it at each
   * pause would not do: an interrupt also lets the next park through).
   *
   * @return true if it cleared an interrupt
   */
  static boolean pause(int step) {
    if (step < SPINS) {
      Thread.onSpinWait();
      return false;
    } else if (step < YIELDS) {
      Thread.yield();
      return false;
    }
    boolean interrupted = Thread.interrupted();
    LockSupport.parkNanos(parkNanos(step));
    return interrupted;
  }

  /** How long {@link #pause} is meant to take at {@code step}: 0 while it spins or yields. */
  static long pauseNanos(int step) {
    return step < YIELDS ? 0 : parkNanos(step);
  }

  /** The park time for {@code step}: doubling from 10 µs to 1 ms. */
  static long parkNanos(int step) {
    int doublings = Math.min(step - YIELDS, 7);
    return Math.min(MIN_PARK_NANOS << Math.max(doublings, 0), MAX_PARK_NANOS);
  }
}
