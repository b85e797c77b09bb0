package dev.herald.agent.bus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counters that the agent's hot path adds to without an atomic instruction: each thread adds to
 * its own {@link Cells}, and a read sums every thread's. An uncontended {@code LongAdder} still
 * costs a locked compare-and-swap per add, which also waits for the thread's pending stores (the
 * events it has just allocated); an instrumented call counted three of them.
 *
 * <p>A counter is a slot number from {@link #newSlot()}, valid for the life of the JVM. Cells of
 * threads that ended are folded into retired totals, so a thread per request costs nothing lasting;
 * a new thread registers its cells with one compare-and-swap, and the folding is done now and then
 * by whoever holds the lock (a reader, or a registering thread that finds it free).
 *
 * <p>Safe for concurrent use: a cell is written by its own thread only; {@link #sum} is a snapshot
 * that may miss adds in flight, and is exact once the writers are quiet.
 */
public final class ThreadCounters {

  private static final VarHandle CELL = MethodHandles.arrayElementVarHandle(long[].class);
  private static final AtomicInteger SLOTS = new AtomicInteger();
  // An anonymous subclass, not withInitial(ThreadCounters::register): the bus is made before the
  // application's main, where every lambda costs a class spun at run time.
  private static final ThreadLocal<Cells> CURRENT = new ThreadLocal<>() {
    @Override
    protected Cells initialValue() {
      return register();
    }
  };
  // Cells registered but not yet moved into LIVE: a lock-free stack, so that a new thread (one per
  // request, a virtual thread per task) registers with one compare-and-swap instead of a global lock
  private static final AtomicReference<Cells> INCOMING = new AtomicReference<>();
  private static final AtomicInteger UNFOLDED = new AtomicInteger();
  private static final int FOLD_EVERY = 4096;
  private static final ReentrantLock LOCK = new ReentrantLock();
  private static final List<Cells> LIVE = new ArrayList<>(); // guarded by LOCK
  private static long[] retired = new long[8]; // guarded by LOCK
  private static int foldAt = 64; // guarded by LOCK

  private ThreadCounters() {}

  /** A new counter, starting at 0. */
  public static int newSlot() {
    return SLOTS.getAndIncrement();
  }

  /** The calling thread's cells; keep the reference rather than look it up per add. */
  public static Cells current() {
    return CURRENT.get();
  }

  /** The sum of {@code slot} over all threads, those that ended included. */
  public static long sum(int slot) {
    LOCK.lock();
    try {
      takeIncoming();
      long total = slot < retired.length ? retired[slot] : 0;
      for (Cells cells : LIVE) {
        total += cells.get(slot);
      }
      return total;
    } finally {
      LOCK.unlock();
    }
  }

  private static Cells register() {
    Cells cells = new Cells(Thread.currentThread());
    Cells head;
    do {
      head = INCOMING.get();
      cells.next = head;
    } while (!INCOMING.compareAndSet(head, cells));
    // now and then, whoever registers folds the threads that ended, unless someone else is at it
    if (UNFOLDED.incrementAndGet() % FOLD_EVERY == 0 && LOCK.tryLock()) {
      try {
        takeIncoming();
      } finally {
        LOCK.unlock();
      }
    }
    return cells;
  }

  /** Moves the registered cells into {@link #LIVE}, folding those of ended threads as it grows; under the lock. */
  private static void takeIncoming() {
    for (Cells cells = INCOMING.getAndSet(null); cells != null; ) {
      Cells next = cells.next;
      cells.next = null;
      LIVE.add(cells);
      cells = next;
    }
    if (LIVE.size() >= foldAt) {
      foldEnded();
      foldAt = Math.max(64, LIVE.size() * 2);
    }
  }

  /** Moves the counts of threads that ended into {@link #retired}; called under the lock. */
  private static void foldEnded() {
    for (Iterator<Cells> it = LIVE.iterator(); it.hasNext(); ) {
      Cells cells = it.next();
      Thread owner = cells.owner.get();
      if (owner == null || !owner.isAlive()) {
        long[] values = cells.values;
        if (values.length > retired.length) {
          retired = Arrays.copyOf(retired, values.length);
        }
        for (int slot = 0; slot < values.length; slot++) {
          retired[slot] += (long) CELL.getOpaque(values, slot);
        }
        it.remove();
      }
    }
  }

  /** One thread's counts. Only that thread may call {@link #add}. */
  public static final class Cells {
    private final WeakReference<Thread> owner;
    private Cells next; // in INCOMING only; published by its compare-and-swap
    // replaced (by the owner) when a slot beyond its end is added to; readers may see the old array
    // for a moment, which only delays adds made after the copy
    private volatile long[] values = new long[8];

    private Cells(Thread owner) {
      this.owner = new WeakReference<>(owner);
    }

    /** Adds {@code n} to {@code slot}: a plain load and store, no fence. */
    public void add(int slot, long n) {
      long[] current = values;
      if (slot >= current.length) {
        current = grow(slot);
      }
      CELL.setOpaque(current, slot, (long) CELL.getOpaque(current, slot) + n);
    }

    // out of line: the hot path above stays small enough for the JIT to inline into its callers
    // (see DefaultEventBus.publish)
    private long[] grow(int slot) {
      long[] current = values;
      long[] grown = Arrays.copyOf(current, Math.max(slot + 1, current.length * 2));
      values = grown;
      return grown;
    }

    long get(int slot) {
      long[] current = values;
      return slot < current.length ? (long) CELL.getOpaque(current, slot) : 0;
    }
  }
}
