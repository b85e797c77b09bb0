package dev.herald.agent.bus;

import java.util.Locale;

/**
 * What a subscription does with an event when its queue is full: the config key {@code
 * bus.overflow}.
 *
 * <p>Every event an overflow policy discards is counted in the subscription's {@code dropped}
 * statistic and reported in the log, at most once per 10 seconds per subscription.
 */
public enum OverflowPolicy {

  /**
   * The publisher waits up to {@code bus.block-timeout} for room, then drops the event. A publish
   * from a delivery thread (a listener that publishes) never waits: it drops at once, since the
   * thread it would wait for may be itself.
   */
  BLOCK("block"),

  /** The event being published is dropped; the queue keeps what it holds. */
  DROP_NEWEST("drop-newest"),

  /** The oldest queued event is dropped to make room for the one being published. */
  DROP_OLDEST("drop-oldest");

  private final String configName;

  OverflowPolicy(String configName) {
    this.configName = configName;
  }

  /** The name used in the config file and in log lines: {@code "block"}, {@code "drop-newest"}... */
  public String configName() {
    return configName;
  }

  /**
   * The policy whose {@link #configName()} is {@code name}, ignoring case and surrounding blanks.
   *
   * @throws IllegalArgumentException naming the accepted values, if none matches
   * @throws NullPointerException if {@code name} is null
   */
  public static OverflowPolicy fromConfigName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (OverflowPolicy policy : values()) {
      if (policy.configName.equals(wanted)) {
        return policy;
      }
    }
    throw new IllegalArgumentException(
        "overflow '" + name + "' is not one of block, drop-newest, drop-oldest");
  }
}
