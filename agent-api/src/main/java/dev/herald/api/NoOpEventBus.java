package dev.herald.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The bus {@link Herald#bus()} answers with when the agent is not running: it delivers nothing. */
enum NoOpEventBus implements EventBus {
  INSTANCE;

  @Override
  public Subscription on(String pattern, EventListener listener) {
    EventPattern.check(pattern);
    Objects.requireNonNull(listener, "listener");
    return new Subscription() {
      @Override
      public String pattern() {
        return pattern;
      }

      @Override
      public String name() {
        return listener.getClass().getSimpleName();
      }

      @Override
      public SubscriptionStatistics statistics() {
        return new SubscriptionStatistics(name(), pattern, 0, 0, 0, 0);
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void publish(Event event) {}

  @Override
  public boolean flush(Duration timeout) {
    return true;
  }

  @Override
  public BusStatistics statistics() {
    return new BusStatistics(0, 0, 0, 0, List.of());
  }
}
