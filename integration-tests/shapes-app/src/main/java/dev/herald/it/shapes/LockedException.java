package dev.herald.it.shapes;

/** Thrown by {@link BaseService#delete} for ids starting with {@code locked}. */
public final class LockedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  LockedException(String id) {
    super("locked: " + id);
  }
}
