package dev.herald.bench.caller;

/**
 * The cases of the caller-cost benchmark. {@link dev.herald.bench.BenchmarkMain} forks one JVM per
 * case with the agent it needs and {@code -Dbench.case=<name>}.
 */
public enum CallerCase {
  /** (a) the plain call, no agent. */
  NO_AGENT,
  /** (b) Herald, the service configured, nobody subscribed. */
  HERALD_IDLE,
  /** (c) Herald, one no-op listener on {@code *.*.*}. */
  HERALD_NOOP,
  /** (d) Herald, one listener that keeps every event (in a ring of 65,536). */
  HERALD_KEEP,
  /** (e) a hand-written ArrayBlockingQueue hand-off to one consumer thread. */
  ABQ,
  /** (f) AspectJ load-time weaving, {@code @Around} publishing to Guava's AsyncEventBus. */
  ASPECTJ_GUAVA,
  /** (g) a JDK dynamic proxy publishing to Guava's AsyncEventBus. */
  PROXY_GUAVA,
  /** (h) the floor: the call, two System.nanoTime() reads, two small allocations. */
  FLOOR,
  /** (i) the floor's work, its two allocations handed off through a lock-free ring to one consumer. */
  HANDOFF;

  /** The case this fork runs, from {@code -Dbench.case}. */
  static CallerCase current() {
    return valueOf(System.getProperty("bench.case", NO_AGENT.name()));
  }

  /**
   * The cases to run: all, or those named in {@code -Dbench.cases} (comma-separated), for a quick
   * look at a few side by side while working on one.
   */
  public static java.util.List<CallerCase> selected() {
    String names = System.getProperty("bench.cases", "").trim();
    if (names.isEmpty()) {
      return java.util.List.of(values());
    }
    return java.util.Arrays.stream(names.split(",")).map(String::trim).map(CallerCase::valueOf).toList();
  }

  /** True for the cases that need Herald's agent. */
  public boolean herald() {
    return this == HERALD_IDLE || this == HERALD_NOOP || this == HERALD_KEEP;
  }

  /** True for the cases that hand events to another thread. */
  public boolean async() {
    return this != NO_AGENT && this != HERALD_IDLE && this != FLOOR;
  }
}
