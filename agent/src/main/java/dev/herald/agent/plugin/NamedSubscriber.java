package dev.herald.agent.plugin;

import dev.herald.api.EventListener;
import dev.herald.api.Subscription;

/**
 * Subscribes a listener under a name chosen by the caller, so that statistics and logs say which
 * plugin a subscription belongs to ({@code "audit-log:AuditListener"}).
 *
 * <p>The agent passes its bus's method of the same shape: {@code defaultEventBus::subscribe}.
 * Implementations must be safe for concurrent use: plugins may subscribe from any thread.
 */
@FunctionalInterface
public interface NamedSubscriber {

  /**
   * Registers {@code listener} for events matching {@code pattern}.
   *
   * @param pattern a well-formed pattern, e.g. {@code "order.*.*"}; never null
   * @param name the subscription's name for logs and statistics; never null
   * @param listener the listener; never null
   * @return the subscription; never null
   */
  Subscription subscribe(String pattern, String name, EventListener listener);
}
