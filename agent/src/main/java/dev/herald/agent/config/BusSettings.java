package dev.herald.agent.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The bus section of the config: {@code bus: { queue-capacity, overflow, block-timeout, threads,
 * shutdown-timeout }}.
 *
 * <p>Immutable. The constructor checks the bounds below and throws {@link IllegalArgumentException}
 * outside them; {@link ConfigLoader} reports the same limits as config errors before it gets here.
 *
 * @param queueCapacity events a subscription may hold, {@value #MIN_QUEUE_CAPACITY} to {@value
 *     #MAX_QUEUE_CAPACITY}
 * @param overflow what a full queue does: {@code "block"}, {@code "drop-newest"} or {@code
 *     "drop-oldest"}
 * @param blockTimeout with {@code block}, the longest a publisher waits; not negative
 * @param threads delivery threads shared by all subscriptions, 1 to {@value #MAX_THREADS}
 * @param shutdownTimeout how long the bus drains on JVM exit; not negative
 */
public record BusSettings(
    int queueCapacity, String overflow, Duration blockTimeout, int threads, Duration shutdownTimeout) {

  public static final int MIN_QUEUE_CAPACITY = 1;
  public static final int MAX_QUEUE_CAPACITY = 16_777_216;
  public static final int MAX_THREADS = 64;
  public static final String BLOCK = "block";
  public static final String DROP_NEWEST = "drop-newest";
  public static final String DROP_OLDEST = "drop-oldest";
  /** The overflow values, in the order error messages list them. */
  public static final List<String> OVERFLOW_POLICIES = List.of(BLOCK, DROP_NEWEST, DROP_OLDEST);

  /** The defaults: 8192, block, 50ms, 2 threads, 5s. */
  public static final BusSettings DEFAULTS =
      new BusSettings(8192, BLOCK, Duration.ofMillis(50), 2, Duration.ofSeconds(5));

  public BusSettings {
    if (queueCapacity < MIN_QUEUE_CAPACITY || queueCapacity > MAX_QUEUE_CAPACITY) {
      throw new IllegalArgumentException("queueCapacity out of range: " + queueCapacity);
    }
    if (!OVERFLOW_POLICIES.contains(overflow)) {
      throw new IllegalArgumentException("overflow must be one of " + OVERFLOW_POLICIES);
    }
    requireNotNegative(blockTimeout, "blockTimeout");
    if (threads < 1 || threads > MAX_THREADS) {
      throw new IllegalArgumentException("threads out of range: " + threads);
    }
    requireNotNegative(shutdownTimeout, "shutdownTimeout");
  }

  private static void requireNotNegative(Duration duration, String name) {
    if (Objects.requireNonNull(duration, name).isNegative()) {
      throw new IllegalArgumentException(name + " is negative");
    }
  }
}
