package dev.herald.agent.bootstrap;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The dispatcher in place while {@link HeraldHooks} holds events (the plugins start): a call goes
 * on at once, as a held call of the dispatcher installed meanwhile ({@link Dispatcher#enterHeld}),
 * which keeps its events until the plugins have subscribed; its first call demands the plugins,
 * waking the thread that starts them. Tokens come from that dispatcher, so {@code before} and
 * {@code exit} go straight to it. {@link #await} is for publishers that must wait after all (the
 * store of kept events is full).
 *
 * <p>Safe for concurrent use.
 */
final class Holding implements Dispatcher {

  volatile Dispatcher target; // set under HeraldHooks.class; final once released
  private final CountDownLatch released = new CountDownLatch(1);
  private final long maxWaitNanos;
  private volatile boolean demanded;
  private volatile Thread starter;

  Holding(Dispatcher target, long maxWaitNanos) {
    this.target = target;
    this.maxWaitNanos = maxWaitNanos;
  }

  void open() {
    released.countDown();
  }

  /** True once a thread other than the agent's has waited, or begun to wait, for the release. */
  boolean demanded() {
    return demanded;
  }

  /** Unparks {@code thread} at the first demand, or at once if there was one already. */
  void wakeOnDemand(Thread thread) {
    starter = thread;
    if (demanded) {
      LockSupport.unpark(thread);
    }
  }

  /** An event wants the plugins: the first demand wakes the thread that starts them. */
  void demand() {
    if (!demanded) {
      // Set before the starter is read, as wakeOnDemand sets the starter before reading this: one
      // of the two sees the other, so the starter is never left parked.
      demanded = true;
      Thread thread = starter;
      if (thread != null) {
        LockSupport.unpark(thread);
      }
    }
  }

  /**
   * Waits for the release, at most {@code maxWaitNanos}; never on the agent's own threads. A wait
   * is a demand.
   */
  void await() {
    if (released.getCount() == 0 || HeraldHooks.onAgentThread()) {
      return;
    }
    demand();
    // Not cut short by an interrupt (a cancelled task calling a service): the caller would then
    // release the kept events before the plugins subscribed. The flag is kept for the caller's code.
    long deadline = System.nanoTime() + maxWaitNanos;
    boolean interrupted = false;
    long left = maxWaitNanos;
    while (released.getCount() != 0 && left > 0) {
      try {
        released.await(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
      left = deadline - System.nanoTime();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public Object enter(int site, Class<?> origin, Object self) {
    Dispatcher current = target;
    if (current == null) {
      return null;
    }
    if (HeraldHooks.onAgentThread()) {
      return current.enter(site, origin, self); // as released
    }
    demand();
    // Not a wait: the call's events are kept until the plugins have subscribed (HeldEvents)
    return current.enterHeld(site, origin, self);
  }

  @Override
  public void before(Object token, Object[] args) {
    Dispatcher current = target;
    if (current != null) {
      current.before(token, args);
    }
  }

  @Override
  public void constructing() {
    // instrumentation of inherited methods, not an event: never waits
    Dispatcher current = target;
    if (current != null) {
      current.constructing();
    }
  }

  @Override
  public void exit(Object token, Object result, Throwable thrown) {
    Dispatcher current = target;
    if (current != null) {
      current.exit(token, result, thrown);
    }
  }
}
