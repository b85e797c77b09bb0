package dev.herald.agent.instrument;

import dev.herald.agent.bootstrap.HeraldHooks;
import dev.herald.agent.bus.DefaultEventBus;
import dev.herald.agent.bus.ThreadCounters;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
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
  private int[] sites = new int[8];
  private int depth;
  /** {@link HeraldHooks#exitFailures} when this thread last dropped the calls that had ended. */
  private int seenExitFailures;
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

  /** Pushes the call with this {@link Binding#key} and invocation id, of the method {@code site}. */
  void push(int key, long id, int site) {
    if (depth == keys.length) {
      grow();
    }
    keys[depth] = key;
    sites[depth] = site;
    ids[depth++] = id;
  }

  /**
   * True if a call with this key is in progress, after dropping the calls that ended without
   * their exit (see {@link #dropEnded}) if an exit hook failed anywhere since this thread last
   * looked: a call taken for nested in one of those would emit nothing, and neither would any of
   * its kind on this thread from then on.
   */
  boolean containsLive(int key, int site, SiteRegistry registry) {
    if (!contains(key)) {
      return false;
    }
    int failures = HeraldHooks.exitFailures;
    if (failures == seenExitFailures) {
      return true;
    }
    dropEnded(site, registry);
    seenExitFailures = failures; // once it worked: the walk too may overflow, deep in a recursion
    return contains(key);
  }

  /**
   * Drops the calls whose woven method is no longer on this thread's stack; {@code entering} is
   * the site of the call being entered, whose frame is there but not its entry. An exit hook that
   * could not run (a StackOverflowError deep in a recursion, as the hook was called) leaves its
   * call here; the thread's frames tell which calls are still running. Rare: only after such a
   * failure, and at most once per failure on each thread.
   */
  void dropEnded(int entering, SiteRegistry registry) {
    Map<String, Integer> running = new HashMap<>();
    StackWalker.getInstance().forEach(frame ->
        running.merge(frame.getClassName() + '#' + frame.getMethodName(), 1, Integer::sum));
    Site current = registry.get(entering);
    if (current != null) { // the frame of the call being entered, which is not on this stack yet
      running.merge(current.frameName(), -1, Integer::sum);
    }
    // Innermost first: the innermost frames of a method belong to its latest calls, so a call that
    // ended, below a running one of the same method (another entity's), is the one left without
    // a frame. Calls nest, so whatever is kept keeps its order.
    boolean[] keep = new boolean[depth];
    for (int i = depth - 1; i >= 0; i--) {
      Site site = registry.get(sites[i]);
      Integer frames = site == null ? null : running.get(site.frameName());
      if (frames != null && frames > 0) {
        running.put(site.frameName(), frames - 1);
        keep[i] = true;
      }
    }
    int kept = 0;
    for (int i = 0; i < depth; i++) {
      if (keep[i]) {
        keys[kept] = keys[i];
        ids[kept] = ids[i];
        sites[kept++] = sites[i];
      }
    }
    depth = kept;
  }

  // out of line, as the rare path, like takeIdBlock: keeps the dispatcher's entry small enough for
  // the JIT to inline into woven methods (see DefaultEventBus.publish)
  private void grow() {
    keys = Arrays.copyOf(keys, depth * 2);
    ids = Arrays.copyOf(ids, depth * 2);
    sites = Arrays.copyOf(sites, depth * 2);
  }

  /**
   * Removes {@code call}, normally the innermost, and any pushed after it: calls nest on a thread,
   * so those ended before it, even if their exit could not run. Tolerates a call not there.
   */
  void pop(Invocation call) {
    for (int i = depth - 1; i >= 0; i--) {
      if (ids[i] == call.id) {
        depth = i;
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
