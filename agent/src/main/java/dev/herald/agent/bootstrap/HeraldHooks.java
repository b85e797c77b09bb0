package dev.herald.agent.bootstrap;

/**
 * The static methods that instrumented code calls. Lives on the bootstrap class path so that code
 * in every class loader reaches the same dispatcher. Not API.
 *
 * <p>Until the agent has installed its dispatcher, every call is a no-op. While the agent {@link
 * #hold holds} events (its plugins are starting), a call goes on at once and its events are kept
 * until {@link #release}, so that no plugin misses an event for having started after the
 * application; the first such call {@link #demanded demands} the plugins.
 */
public final class HeraldHooks {

  private static volatile Dispatcher dispatcher;
  // While nobody subscribes, instrumented calls return after this one read: the common "agent on,
  // no plugin" case then costs about what a volatile read does. True while held, so calls reach
  // the holding dispatcher.
  private static volatile boolean listening;
  private static volatile Holding holding;
  /**
   * Exit hooks that failed or could not be called: incremented here and by woven code's handler
   * around each exit call, neither of which may call anything (a StackOverflowError is the usual
   * cause). Not atomic: a lost increment is caught up by the next failure. Not API.
   */
  public static volatile int exitFailures;
  private static boolean subscribed; // guarded by HeraldHooks.class

  private HeraldHooks() {}

  /** Installs the agent's dispatcher; null uninstalls it. While held, it takes over at release. */
  public static synchronized void install(Dispatcher installed) {
    Holding held = holding;
    if (held != null) {
      held.target = installed;
    } else {
      dispatcher = installed;
    }
  }

  /** Tells the hooks whether the bus has any subscription; set by the bus. */
  public static synchronized void listening(boolean any) {
    subscribed = any;
    listening = any || holding != null;
  }

  /**
   * Holds events until {@link #release}: from now on, a call is a held call ({@link
   * Dispatcher#enterHeld}), whose events the dispatcher keeps. Threads named {@code herald-*} (the
   * agent's and its plugins') are never held. Does nothing if already held.
   */
  public static synchronized void hold() {
    if (holding == null) {
      Holding held = new Holding(dispatcher);
      holding = held;
      dispatcher = held;
      listening = true;
    }
  }

  /** Ends {@link #hold}: calls go to the dispatcher installed meanwhile. */
  public static void release() {
    synchronized (HeraldHooks.class) {
      Holding held = holding;
      if (held == null) {
        return;
      }
      holding = null;
      dispatcher = held.target;
      listening = subscribed;
    }
  }

  /**
   * True if events are held and a call has been made, or an event published: an event wants the
   * plugins started. False once released.
   */
  public static boolean demanded() {
    Holding held = holding;
    return held != null && held.demanded();
  }

  /**
   * True on the agent's own threads and its plugins' ({@code herald-*}): never held, since a plugin
   * starting or a listener must not wait for the plugins to have started.
   */
  public static boolean onAgentThread() {
    return Thread.currentThread().getName().startsWith("herald-");
  }

  /** While events are held, marks that an event wants the plugins (as a call does): see {@link #wakeOnDemand}. */
  public static void demand() {
    Holding held = holding;
    if (held != null) {
      held.demand();
    }
  }

  /** While events are held, unparks {@code thread} at the first demand (or at once, if made already). */
  public static void wakeOnDemand(Thread thread) {
    Holding held = holding;
    if (held != null) {
      held.wakeOnDemand(thread);
    }
  }


  // The methods below are what woven code calls. They return normally whatever happens (the woven
  // code has no handler around a return), so each catches everything: dispatchers catch their own
  // failures, this catches what gets past them (a StackOverflowError deep in a recursion).

  /** See {@link Dispatcher#enter}. */
  public static Object enter(int site, Class<?> origin, Object self) {
    if (!listening) {
      return null;
    }
    try {
      Dispatcher current = dispatcher;
      return current == null ? null : current.enter(site, origin, self);
    } catch (Throwable t) {
      return null;
    }
  }

  /** See {@link Dispatcher#before}; {@code token} came from {@link #enter} and is not null. */
  public static void before(Object token, Object[] args) {
    try {
      Dispatcher current = dispatcher;
      if (current != null) {
        current.before(token, args);
      }
    } catch (Throwable ignored) {
      // the call goes on without its before event
    }
  }

  /** See {@link Dispatcher#constructing}. */
  public static void constructing() {
    try {
      Dispatcher current = dispatcher;
      if (current != null) {
        current.constructing();
      }
    } catch (Throwable ignored) {
      // the bases are instrumented later, by the background thread
    }
  }

  // A call's end: one overload per kind of return value, so that the value is boxed only when the
  // call emits (token not null), with no branch in the woven code. The token comes last: it is
  // pushed after the value the method is about to return.

  /** A void method returned. */
  public static void returned(Object token) {
    exit(token, null, null);
  }

  /** A method returned {@code value}. */
  public static void returned(Object value, Object token) {
    exit(token, value, null);
  }

  /** A method returned {@code value}. */
  public static void returned(boolean value, Object token) {
    if (token != null) {
      exit(token, value, null);
    }
  }

  /** A method returned {@code value}. */
  public static void returned(byte value, Object token) {
    if (token != null) {
      exit(token, value, null);
    }
  }

  /** A method returned {@code value}. */
  public static void returned(char value, Object token) {
    if (token != null) {
      exit(token, value, null);
    }
  }

  /** A method returned {@code value}. */
  public static void returned(short value, Object token) {
    if (token != null) {
      exit(token, value, null);
    }
  }

  /** A method returned {@code value}. */
  public static void returned(int value, Object token) {
    if (token != null) {
      exit(token, value, null);
    }
  }

  /** A method returned {@code value}. */
  public static void returned(long value, Object token) {
    if (token != null) {
      exit(token, value, null);
    }
  }

  /** A method returned {@code value}. */
  public static void returned(float value, Object token) {
    if (token != null) {
      exit(token, value, null);
    }
  }

  /** A method returned {@code value}. */
  public static void returned(double value, Object token) {
    if (token != null) {
      exit(token, value, null);
    }
  }

  /** A method is about to throw {@code thrown}, which then propagates unchanged. */
  public static void failed(Throwable thrown, Object token) {
    exit(token, null, thrown);
  }

  /** See {@link Dispatcher#exit}; {@code token} came from {@link #enter}, null if the call emits nothing. */
  private static void exit(Object token, Object result, Throwable thrown) {
    if (token == null) {
      return;
    }
    try {
      Dispatcher current = dispatcher;
      if (current != null) {
        current.exit(token, result, thrown);
      }
    } catch (Throwable failed) {
      // The call ends as it would without the agent. Most likely a StackOverflowError as the
      // dispatcher was called, so its call was never taken off the thread's call stack: counted
      // (a field, since no call can be made here), so that threads drop the calls that ended.
      exitFailures++;
    }
  }
}
