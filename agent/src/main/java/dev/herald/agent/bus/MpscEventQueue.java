package dev.herald.agent.bus;

import dev.herald.api.Event;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded many-publishers, one-consumer array queue: a publisher claims a slot with one
 * compare-and-swap on the producer index, then fills it with a release store; the consumer takes
 * with plain and release stores only. The algorithm is JCTools' {@code MpscArrayQueue}; this is a
 * VarHandle version of it, since JCTools' own is built either on {@code sun.misc.Unsafe} (warned
 * about from Java 24 on) or on atomic field updaters and {@code AtomicReferenceArray}, whose checks
 * per access measurably cost the publisher and the delivery thread.
 *
 * <p>Safe for any number of offering threads and one taking thread at a time.
 */
final class MpscEventQueue extends MpscFields.Pad2 implements EventQueue {

  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
  private static final VarHandle PRODUCER_INDEX;
  private static final VarHandle PRODUCER_LIMIT;
  private static final VarHandle CONSUMER_INDEX;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      PRODUCER_INDEX = lookup.findVarHandle(MpscEventQueue.class, "producerIndex", long.class);
      PRODUCER_LIMIT = lookup.findVarHandle(MpscEventQueue.class, "producerLimit", long.class);
      CONSUMER_INDEX = lookup.findVarHandle(MpscEventQueue.class, "consumerIndex", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // Object[], not Event[]: storing into an array of an interface type checks the value against
  // the interface on every offer, and only events are ever stored here
  private final Object[] slots;
  private final int mask;
  /** Offers that filled their slot the emergency way (see offer); written only then. */
  private volatile int stackOverflows;

  /** A queue of {@code capacity} rounded up to a power of two (at least 2). */
  MpscEventQueue(int capacity) {
    int size = Integer.highestOneBit(Math.max(2, capacity) - 1) << 1;
    slots = new Object[size];
    mask = size - 1;
    producerLimit = size;
  }

  @Override
  public boolean offer(Event event) {
    long limit = producerLimit;
    long index;
    do {
      index = producerIndex;
      if (index >= limit) {
        limit = consumerIndex + slots.length;
        if (index >= limit) {
          return false;
        }
        PRODUCER_LIMIT.setRelease(this, limit);
      }
    } while (!PRODUCER_INDEX.compareAndSet(this, index, index + 1));
    try {
      SLOT.setRelease(slots, (int) index & mask, (Object) event);
    } catch (Throwable noRoom) {
      // A StackOverflowError: until it is compiled, the VarHandle store is a chain of calls. A
      // claimed slot left empty would stop the consumer there for good, so fill it with a plain
      // store, which needs no frame. The volatile store before it (no frame either) is followed by
      // a full fence in HotSpot, which keeps the event's own stores ahead of the slot's, as the
      // release store would have; the memory model itself does not promise that of a plain store.
      stackOverflows++;
      slots[(int) index & mask] = event;
    }
    return true;
  }

  @Override
  public Event relaxedPoll() {
    long index = (long) CONSUMER_INDEX.getOpaque(this); // written by this thread only
    int slot = (int) index & mask;
    Event event = (Event) SLOT.getAcquire(slots, slot);
    if (event == null) {
      return null;
    }
    // the publisher reusing the slot reads the index first, so the plain store comes before its own
    SLOT.set(slots, slot, (Object) null);
    CONSUMER_INDEX.setRelease(this, index + 1);
    return event;
  }

  @Override
  public Event poll() {
    Event event = relaxedPoll();
    if (event != null) {
      return event;
    }
    long index = (long) CONSUMER_INDEX.getOpaque(this);
    if (index == producerIndex) {
      return null;
    }
    // a publisher claimed the slot and is about to fill it
    do {
      Thread.onSpinWait();
      event = relaxedPoll();
    } while (event == null);
    return event;
  }

  @Override
  public boolean isEmpty() {
    return consumerIndex == producerIndex;
  }

  @Override
  public int size() {
    long after = consumerIndex;
    while (true) {
      long before = after;
      long produced = producerIndex;
      after = consumerIndex;
      if (before == after) {
        return (int) Math.min(produced - after, slots.length);
      }
    }
  }

  @Override
  public int capacity() {
    return slots.length;
  }

  @Override
  public long producerIndex() {
    return producerIndex;
  }

  @Override
  public long consumerIndex() {
    return consumerIndex;
  }
}
