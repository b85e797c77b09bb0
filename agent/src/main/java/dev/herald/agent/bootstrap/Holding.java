package dev.herald.agent.bootstrap;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The dispatcher in place while {@link HeraldHooks} holds events: a call that would emit waits for
 * the release, then goes to the dispatcher installed meanwhile. Tokens come from that dispatcher,
 * so {@code before} and {@code exit} go straight to it.
 *
 * <p>Safe for concurrent use.
 */
final class Holding implements Dispatcher {

  volatile Dispatcher target; // set under HeraldHooks.class; final once released
  private final CountDownLatch released = new CountDownLatch(1);
  private final long maxWaitNanos;

  Holding(Dispatcher target, long maxWaitNanos) {
    this.target = target;
    this.maxWaitNanos = maxWaitNanos;
  }

  void open() {
    released.countDown();
  }

  /** Waits for the release, at most {@code maxWaitNanos}; never on the agent's own threads. */
  void await() {
    if (released.getCount() == 0 || Thread.currentThread().getName().startsWith("herald-")) {
      return; // a plugin starting, or a listener, must not wait for the plugins to have started
    }
    try {
      released.await(maxWaitNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public Object enter(int site, Class<?> origin, Object self) {
    await();
    Dispatcher current = target;
    return current == null ? null : current.enter(site, origin, self);
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
