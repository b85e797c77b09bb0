package dev.herald.agent.bus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The fields of one subscription that its delivering thread writes per batch or per event: the
 * claim, the start of the batch in flight, the delivered and failed counts.
 *
 * <p>Why a class of its own, padded on both sides: publishers read the subscription's queue and
 * closed flag on every publish. Were these fields on the same 64-byte cache line, every event the
 * delivery thread handled would take that line away from the publisher's core, and the next
 * publish would wait for it to come back (false sharing: measured as tens of nanoseconds per call).
 * The padding keeps them on lines of their own, whatever the JVM's field layout.
 *
 * <p>Threading: {@link #claimed} is taken by compare-and-set; the other fields are written only by
 * the thread holding the claim, and read by anyone.
 */
final class DeliveryState extends DeliveryStateFields {
  @SuppressWarnings("unused")
  private long q0, q1, q2, q3, q4, q5, q6, q7;

  private static final VarHandle CLAIMED;
  private static final VarHandle DELIVERED;
  private static final VarHandle FAILED;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      CLAIMED = lookup.findVarHandle(DeliveryStateFields.class, "claimed", boolean.class);
      DELIVERED = lookup.findVarHandle(DeliveryStateFields.class, "delivered", long.class);
      FAILED = lookup.findVarHandle(DeliveryStateFields.class, "failed", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Takes the right to deliver (or discard); false if another thread has it. */
  boolean tryClaim() {
    return !claimed && CLAIMED.compareAndSet(this, false, true);
  }

  void release() {
    claimed = false;
  }

  boolean claimed() {
    return claimed;
  }

  /**
   * One more delivered event. By the claim holder only, so no atomic read-modify-write; a release
   * store, not a volatile one, since nobody needs to see it before the next event (a flush waits
   * on {@link #inflightFrom}, whose volatile store follows).
   */
  void countDelivered() {
    DELIVERED.setRelease(this, delivered + 1);
  }

  /** One more failed event; by the claim holder only (see {@link #countDelivered()}). */
  void countFailed() {
    FAILED.setRelease(this, failed + 1);
  }

  /**
   * A batch begins at queue index {@code from}; by the claim holder. Its counts go to the bus's
   * totals when it ends, so until then {@link #deliveredInBatch} tells them.
   */
  void startBatch(long from) {
    batchDelivered = delivered;
    batchFailed = failed;
    inflightFrom = from; // volatile: publishes the two above
  }

  /** Events delivered in the batch in flight, not yet in the bus's totals; 0 between batches. */
  long deliveredInBatch() {
    return inflightFrom == BusSubscription.IDLE ? 0 : delivered - batchDelivered;
  }

  /** As {@link #deliveredInBatch}, for failed events. */
  long failedInBatch() {
    return inflightFrom == BusSubscription.IDLE ? 0 : failed - batchFailed;
  }

  long delivered() {
    return delivered;
  }

  long failed() {
    return failed;
  }
}

/** Padding before the fields: a cache line's worth of longs, laid out ahead of any subclass field. */
abstract class DeliveryStatePad {
  @SuppressWarnings("unused")
  private long p0, p1, p2, p3, p4, p5, p6, p7;
}

/** The padded fields themselves; see {@link DeliveryState}. */
abstract class DeliveryStateFields extends DeliveryStatePad {
  /** {@link BusSubscription#IDLE} while no batch is being delivered. */
  volatile long inflightFrom = BusSubscription.IDLE;
  // single writer (the claim holder): volatile for readers, written with a plain read-modify-write
  volatile long delivered;
  volatile long failed;
  volatile boolean claimed;
  // the counts when the batch in flight began: plain, published by the volatile inflightFrom store
  long batchDelivered;
  long batchFailed;
}
