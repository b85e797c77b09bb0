package dev.herald.agent.instrument;

/**
 * A method's bytecode has a shape the weaver does not handle (none that a Java compiler emits): the
 * class is left as it is, and the reason logged once.
 */
final class Unweavable extends RuntimeException {

  private static final long serialVersionUID = 1L;

  Unweavable(String shape) {
    super("unsupported bytecode: " + shape, null, false, false);
  }
}
