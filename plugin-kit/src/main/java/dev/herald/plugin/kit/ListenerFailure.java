package dev.herald.plugin.kit;

import dev.herald.api.Event;

/**
 * A listener call that threw, as recorded by {@link TestBus}.
 *
 * @param pattern the pattern of the subscription whose listener threw; never null
 * @param event the event it was handling; never null
 * @param error what it threw; never null
 */
public record ListenerFailure(String pattern, Event event, Throwable error) {

  @Override
  public String toString() {
    return "listener for '" + pattern + "' threw on " + event.name() + ": " + error;
  }
}
