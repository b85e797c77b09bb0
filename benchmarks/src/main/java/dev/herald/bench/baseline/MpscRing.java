package dev.herald.bench.baseline;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded array queue with the publishers' index and the consumer's apart, for one consumer:
 * {@link #claim} is the many-publishers claim of Herald's queue (JCTools' {@code MpscArrayQueue}:
 * a compare-and-swap on the index, then a release store into the slot; but for its plain cached
 * limit, which Herald's queue keeps volatile), {@link #claimAlone} a one-publisher claim without an
 * atomic instruction. A publisher that finds it full spins, and {@link #fullCount} counts it.
 *
 * <p>Any number of threads may {@link #claim} and {@link #fill}; one thread at a time may {@link
 * #poll}. {@link #claimAlone} is for one publishing thread only, as is {@link #fullCount} (it is
 * read by that thread).
 */
public final class MpscRing {
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
  private static final VarHandle PRODUCED;
  private static final VarHandle CONSUMED;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      PRODUCED = lookup.findVarHandle(MpscRing.class, "produced", long.class);
      CONSUMED = lookup.findVarHandle(MpscRing.class, "consumed", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Object[] slots;
  private final int mask;
  @SuppressWarnings("unused")
  private long p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, pa, pb, pc, pd, pe, pf;
  private volatile long produced;
  private long limit;
  private long full;
  @SuppressWarnings("unused")
  private long q0, q1, q2, q3, q4, q5, q6, q7, q8, q9, qa, qb, qc, qd, qe, qf;
  private volatile long consumed;
  @SuppressWarnings("unused")
  private long r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, ra, rb, rc, rd, re, rf;

  /** A ring of {@code capacity} slots, a power of two. */
  public MpscRing(int capacity) {
    slots = new Object[capacity];
    mask = capacity - 1;
    limit = capacity;
  }

  /** Claims the next slot for any publishing thread; waits (spinning) while the ring is full. */
  public long claim() {
    long index;
    do {
      index = produced;
      awaitRoom(index);
    } while (!PRODUCED.compareAndSet(this, index, index + 1));
    return index;
  }

  /** Claims the next slot for the only publishing thread, without an atomic instruction. */
  public long claimAlone() {
    long index = produced;
    awaitRoom(index);
    PRODUCED.setOpaque(this, index + 1);
    return index;
  }

  private void awaitRoom(long index) {
    if (index < limit) {
      return;
    }
    limit = consumed + slots.length;
    if (index < limit) {
      return;
    }
    full++;
    do {
      Thread.onSpinWait();
      limit = consumed + slots.length;
    } while (index >= limit);
  }

  /** Puts {@code event} into the slot {@code index} that {@link #claim} gave. */
  public void fill(long index, Object event) {
    SLOT.setRelease(slots, (int) index & mask, event);
  }

  /** The next event, or null if none is (yet) filled; by the consumer only. */
  public Object poll() {
    long index = (long) CONSUMED.getOpaque(this);
    int slot = (int) index & mask;
    Object event = SLOT.getAcquire(slots, slot);
    if (event != null) {
      SLOT.set(slots, slot, (Object) null);
      CONSUMED.setRelease(this, index + 1);
    }
    return event;
  }

  /** Events claimed and not yet taken. */
  public long backlog() {
    return Math.max(0, produced - consumed);
  }

  /** How often a claim found the ring full and waited; read by the publishing thread. */
  public long fullCount() {
    return full;
  }
}
