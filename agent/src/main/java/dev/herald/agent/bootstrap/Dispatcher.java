package dev.herald.agent.bootstrap;

/**
 * What instrumented methods call, through {@link HeraldHooks}: implemented by the agent in its own
 * class loader. Not API; may change with any release.
 *
 * <p>Implementations must be safe for concurrent use and must not throw.
 */
public interface Dispatcher {

  /**
   * A call of the method of {@code site} begins. Returns a token to pass to {@link #before} and
   * {@link #exit}, or null when the call emits nothing (disabled, nobody listens, or nested inside
   * a write of the same entity and operation).
   *
   * @param origin the class that declares the instrumented method
   * @param self the receiver; null for static methods
   */
  Object enter(int site, Class<?> origin, Object self);

  /**
   * As {@link #enter}, while the plugins start ({@link HeraldHooks#hold}): the call is tracked if
   * its entry is enabled, whether or not anyone listens yet, and its events are kept until the
   * plugins have subscribed. By default, as {@link #enter}.
   */
  default Object enterHeld(int site, Class<?> origin, Object self) {
    return enter(site, origin, self);
  }

  /** Publishes the before event of the call that {@code token} stands for. */
  void before(Object token, Object[] args);

  /**
   * An instance of a configured class is being constructed: whatever it inherits must be
   * instrumented before its first call.
   */
  void constructing();

  /** The call ended: {@code thrown} is null if it returned {@code result}. */
  void exit(Object token, Object result, Throwable thrown);
}
