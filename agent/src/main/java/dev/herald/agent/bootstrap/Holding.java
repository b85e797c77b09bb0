package dev.herald.agent.bootstrap;

import java.util.concurrent.locks.LockSupport;

/**
 * The dispatcher in place while {@link HeraldHooks} holds events (the plugins start): a call goes
 * on at once, as a held call of the dispatcher installed meanwhile ({@link Dispatcher#enterHeld}),
 * which keeps its events until the plugins have subscribed; its first call demands the plugins,
 * waking the thread that starts them. Tokens come from that dispatcher, so {@code before} and
 * {@code exit} go straight to it.
 *
 * <p>Safe for concurrent use.
 */
final class Holding implements Dispatcher {

  volatile Dispatcher target; // set under HeraldHooks.class; final once released
  private volatile boolean demanded;
  private volatile Thread starter;

  Holding(Dispatcher target) {
    this.target = target;
  }

  /** True once an event has wanted the plugins. */
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
