package dev.herald.agent.instrument;

import dev.herald.agent.bus.DefaultEventBus;
import dev.herald.agent.bus.ThreadCounters;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tracked calls in progress on one thread, innermost last, and the thread's block of
 * invocation ids. A call of the same entity and operation nested inside one of these is part of it
 * and emits nothing of its own: this is what keeps overrides calling {@code super}, proxies calling
 * their targets and delegating overloads from doubling events.
 *
 * <p>A call is kept as two numbers, its key and its invocation id, not as a reference: a thread's
 * stack soon lives in the old generation, where G1 makes every reference stored into it pay a
 * full memory fence (its post-write barrier), on every call; numbers pay nothing.
 *
 * <p>Confined to its thread.
 */
final class CallStack {

  private static final int ID_BLOCK = 1024;
  private static final AtomicLong NEXT_BLOCK = new AtomicLong(1);
  private static final ThreadLocal<CallStack> CURRENT = ThreadLocal.withInitial(CallStack::new);
  private static final ConcurrentHashMap<String, Integer> KEYS = new ConcurrentHashMap<>();
  private static final AtomicInteger LAST_KEY = new AtomicInteger();

  /** True on the bus's delivery threads, i.e. inside a listener. */
  final boolean onDeliveryThread = DefaultEventBus.onDeliveryThread();
  /** The thread's counters (calls seen, events published), kept here to save a lookup per call. */
  final ThreadCounters.Cells counts = ThreadCounters.current();
  private int[] keys = new int[8];
  private long[] ids = new long[8];
  private int depth;
  private long nextId;
  private long idLimit;

  static CallStack current() {
    return CURRENT.get();
  }

  /** The number that stands for {@code entityOperation}: the same for equal strings, never 0. */
  static int keyOf(String entityOperation) {
    return KEYS.computeIfAbsent(entityOperation, key -> LAST_KEY.incrementAndGet());
  }

  /** True if a call with this {@link Binding#key} is in progress. */
  boolean contains(int key) {
    for (int i = depth - 1; i >= 0; i--) {
      if (keys[i] == key) {
        return true;
      }
    }
    return false;
  }

  /** Pushes the call with this {@link Binding#key} and invocation id. */
  void push(int key, long id) {
    if (depth == keys.length) {
      grow();
    }
    keys[depth] = key;
    ids[depth++] = id;
  }

  // out of line, as the rare path, like takeIdBlock: keeps the dispatcher's entry small enough for
  // the JIT to inline into woven methods (see DefaultEventBus.publish)
  private void grow() {
    keys = Arrays.copyOf(keys, depth * 2);
    ids = Arrays.copyOf(ids, depth * 2);
  }

  /** Removes {@code call}, normally the innermost; tolerates an unbalanced stack. */
  void pop(Invocation call) {
    if (depth > 0 && ids[depth - 1] == call.id) { // the usual case: no copying
      depth--;
      return;
    }
    for (int i = depth - 1; i >= 0; i--) {
      if (ids[i] == call.id) {
        System.arraycopy(keys, i + 1, keys, i, depth - i - 1);
        System.arraycopy(ids, i + 1, ids, i, depth - i - 1);
        depth--;
        return;
      }
    }
  }

  /** A JVM-wide unique, non-zero invocation id, without contention between threads. */
  long nextId() {
    if (nextId == idLimit) {
      takeIdBlock();
    }
    return nextId++;
  }

  private void takeIdBlock() {
    nextId = NEXT_BLOCK.getAndAdd(ID_BLOCK);
    idLimit = nextId + ID_BLOCK;
  }
}
