package dev.herald.agent.bootstrap;

/**
 * The static methods that instrumented code calls. Lives on the bootstrap class path so that code
 * in every class loader reaches the same dispatcher. Not API.
 *
 * <p>Until the agent has installed its dispatcher, every call is a no-op.
 */
public final class HeraldHooks {

  private static volatile Dispatcher dispatcher;
  // While nobody subscribes, instrumented calls return after this one read: the common "agent on,
  // no plugin" case then costs about what a volatile read does.
  private static volatile boolean listening;

  private HeraldHooks() {}

  /** Installs the agent's dispatcher; null uninstalls it. */
  public static void install(Dispatcher installed) {
    dispatcher = installed;
  }

  /** Tells the hooks whether the bus has any subscription; set by the bus. */
  public static void listening(boolean any) {
    listening = any;
  }

  /** See {@link Dispatcher#enter}. */
  public static Object enter(int site, Class<?> origin, Object self) {
    if (!listening) {
      return null;
    }
    Dispatcher current = dispatcher;
    return current == null ? null : current.enter(site, origin, self);
  }

  /** See {@link Dispatcher#before}; {@code token} came from {@link #enter}. */
  public static void before(Object token, Object[] args) {
    Dispatcher current = dispatcher;
    if (current != null) {
      current.before(token, args);
    }
  }

  /** See {@link Dispatcher#constructing}. */
  public static void constructing() {
    Dispatcher current = dispatcher;
    if (current != null) {
      current.constructing();
    }
  }

  /** See {@link Dispatcher#exit}; {@code token} came from {@link #enter}. */
  public static void exit(Object token, Object result, Throwable thrown) {
    Dispatcher current = dispatcher;
    if (current != null) {
      current.exit(token, result, thrown);
    }
  }
}
