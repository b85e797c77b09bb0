package dev.herald.agent.instrument;

import dev.herald.agent.bus.DefaultEventBus;
import dev.herald.agent.bus.ThreadCounters;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tracked calls in progress on one thread, innermost last, and the thread's block of
 * invocation ids. A call of the same entity and operation nested inside one of these is part of it
 * and emits nothing of its own: this is what keeps overrides calling {@code super}, proxies calling
 * their targets and delegating overloads from doubling events.
 *
 * <p>Confined to its thread.
 */
final class CallStack {

  private static final int ID_BLOCK = 1024;
  private static final AtomicLong NEXT_BLOCK = new AtomicLong(1);
  private static final ThreadLocal<CallStack> CURRENT = ThreadLocal.withInitial(CallStack::new);

  /** True on the bus's delivery threads, i.e. inside a listener. */
  final boolean onDeliveryThread = DefaultEventBus.onDeliveryThread();
  /** The thread's counters (calls seen, events published), kept here to save a lookup per call. */
  final ThreadCounters.Cells counts = ThreadCounters.current();
  private Invocation[] calls = new Invocation[8];
  private int depth;
  private long nextId;
  private long idLimit;

  static CallStack current() {
    return CURRENT.get();
  }

  /** True if a call with this {@code key} (interned entity.operation) is in progress. */
  boolean contains(String key) {
    for (int i = depth - 1; i >= 0; i--) {
      if (calls[i].binding.key == key) {
        return true;
      }
    }
    return false;
  }

  void push(Invocation call) {
    Invocation[] current = calls;
    if (depth == current.length) {
      current = grow();
    }
    current[depth++] = call;
  }

  // out of line, as the rare path, like takeIdBlock: keeps the dispatcher's entry small enough for
  // the JIT to inline into woven methods (see DefaultEventBus.publish)
  private Invocation[] grow() {
    calls = java.util.Arrays.copyOf(calls, depth * 2);
    return calls;
  }

  /** Removes {@code call}, normally the innermost; tolerates an unbalanced stack. */
  void pop(Invocation call) {
    if (depth > 0 && calls[depth - 1] == call) { // the usual case: no copying
      calls[--depth] = null;
      return;
    }
    for (int i = depth - 1; i >= 0; i--) {
      if (calls[i] == call) {
        System.arraycopy(calls, i + 1, calls, i, depth - i - 1);
        calls[--depth] = null;
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
