package dev.herald.api;

/**
 * The moment of a write call that an {@link Event} reports.
 *
 * <p>Each call of an instrumented method produces one {@link #BEFORE} event and exactly one of
 * {@link #AFTER} or {@link #FAILED}, all carrying the same {@link Event#invocationId()}.
 */
public enum Phase {
  /** The method was entered; the event carries the arguments. */
  BEFORE("before"),
  /** The method returned (or its {@code CompletionStage} completed normally). */
  AFTER("after"),
  /** The method threw (or its {@code CompletionStage} completed exceptionally). */
  FAILED("failed");

  private final String id;

  Phase(String id) {
    this.id = id;
  }

  /** The phase as it appears in event names: {@code "before"}, {@code "after"} or {@code "failed"}. */
  public String id() {
    return id;
  }

  /**
   * The phase whose {@link #id()} is {@code id}.
   *
   * @throws IllegalArgumentException if {@code id} names no phase
   */
  public static Phase fromId(String id) {
    for (Phase phase : values()) {
      if (phase.id.equals(id)) {
        return phase;
      }
    }
    throw new IllegalArgumentException("not a phase: '" + id + "' (expected before, after or failed)");
  }
}
