package dev.herald.agent.bus;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of a {@link DefaultEventBus}: the config section {@code bus}.
 *
 * @param queueCapacity events each subscription can hold ({@code queue-capacity}); at least 1. The
 *     queue is a JCTools array queue, so its real capacity is {@code queueCapacity} rounded up to
 *     a power of two, and at least 2: 8192 stays 8192, 1000 becomes 1024
 * @param overflow what a full queue does with a new event ({@code overflow}); never null
 * @param blockTimeout with {@link OverflowPolicy#BLOCK}, the longest one publish waits in all
 *     ({@code block-timeout}); not negative, never null
 * @param threads delivery threads shared by all subscriptions ({@code threads}); at least 1
 * @param shutdownTimeout how long the bus drains on JVM exit ({@code shutdown-timeout}); not
 *     negative, never null
 */
public record BusOptions(
    int queueCapacity, OverflowPolicy overflow, Duration blockTimeout, int threads,
    Duration shutdownTimeout) {

  /** The defaults: 8192 events, block, 50 ms, 2 threads, 5 s. */
  public static final BusOptions DEFAULTS =
      new BusOptions(8192, OverflowPolicy.BLOCK, Duration.ofMillis(50), 2, Duration.ofSeconds(5));

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException naming the setting that is out of range
   * @throws NullPointerException if a value is null
   */
  public BusOptions {
    Objects.requireNonNull(overflow, "overflow");
    Objects.requireNonNull(blockTimeout, "blockTimeout");
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    if (queueCapacity < 1 || queueCapacity > 1 << 30) {
      throw new IllegalArgumentException(
          "queue-capacity must be between 1 and " + (1 << 30) + ", not " + queueCapacity);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
    if (blockTimeout.isNegative()) {
      throw new IllegalArgumentException("block-timeout must not be negative: " + blockTimeout);
    }
    if (shutdownTimeout.isNegative()) {
      throw new IllegalArgumentException("shutdown-timeout must not be negative: " + shutdownTimeout);
    }
  }

  /** A copy with {@code queueCapacity} in place of this one's. */
  public BusOptions withQueueCapacity(int queueCapacity) {
    return new BusOptions(queueCapacity, overflow, blockTimeout, threads, shutdownTimeout);
  }

  /** A copy with {@code overflow} in place of this one's. */
  public BusOptions withOverflow(OverflowPolicy overflow) {
    return new BusOptions(queueCapacity, overflow, blockTimeout, threads, shutdownTimeout);
  }

  /** A copy with {@code blockTimeout} in place of this one's. */
  public BusOptions withBlockTimeout(Duration blockTimeout) {
    return new BusOptions(queueCapacity, overflow, blockTimeout, threads, shutdownTimeout);
  }

  /** A copy with {@code threads} in place of this one's. */
  public BusOptions withThreads(int threads) {
    return new BusOptions(queueCapacity, overflow, blockTimeout, threads, shutdownTimeout);
  }

  /** A copy with {@code shutdownTimeout} in place of this one's. */
  public BusOptions withShutdownTimeout(Duration shutdownTimeout) {
    return new BusOptions(queueCapacity, overflow, blockTimeout, threads, shutdownTimeout);
  }
}
