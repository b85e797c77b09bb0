package dev.herald.agent.instrument;

/**
 * One instrumented method. Remembers the {@link Binding} of the last receiver class it saw, since
 * nearly every call site sees one class: the common case is a field read and a comparison.
 *
 * <p>Safe for concurrent use: the cache is one immutable pair behind a volatile field.
 */
final class Site {

  private final String methodName;
  /** {@code Type#method}, as a stack frame of the woven method names it. */
  private final String frameName;
  private volatile Cached cached = Cached.EMPTY;

  Site(String typeName, String methodName) {
    this.methodName = methodName;
    this.frameName = typeName + '#' + methodName;
  }

  String frameName() {
    return frameName;
  }

  /** The binding for a call on an instance of {@code type} (or, for a static method, its declaring class). */
  Binding binding(Class<?> type, TypeBindings bindings) {
    Cached last = cached;
    if (last.type == type && last.bindings == bindings) {
      return last.binding;
    }
    return resolve(type, bindings);
  }

  // out of line, as the rare path, so that binding() stays small enough to inline (see
  // DefaultEventBus.publish)
  private Binding resolve(Class<?> type, TypeBindings bindings) {
    Binding binding = bindings.of(type).forMethod(methodName);
    cached = new Cached(type, bindings, binding);
    return binding;
  }

  /**
   * Lets go of the class last resolved here, and of its binding: held strongly for the hot path, they
   * would keep the loader of an undeployed web application, and every class of it, for good. The
   * next call resolves again.
   */
  void forget() {
    cached = Cached.EMPTY;
  }

  /** {@code bindings} tells which services config the binding was resolved under. */
  private record Cached(Class<?> type, TypeBindings bindings, Binding binding) {
    static final Cached EMPTY = new Cached(null, null, null);
  }
}
