package dev.herald.testkit;

import dev.herald.api.Event;
import dev.herald.api.EventBus;
import dev.herald.api.EventPattern;
import dev.herald.api.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The events captured since the current test began, and assertions on them. Get it as a test
 * method parameter or from {@link HeraldExtension#events()}.
 *
 * <p>Captures every event of the JVM's bus ({@code *.*.*}) in delivery order. Safe for concurrent
 * use: events arrive on Herald's delivery threads while the test thread waits.
 */
public final class HeraldEvents {

  /** How long {@link #assertEmitted} and {@link #events()} wait for events already published to arrive. */
  static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(5);

  private final EventBus bus;
  private final List<Event> events = new ArrayList<>();
  private final Subscription subscription;

  HeraldEvents(EventBus bus) {
    this.bus = bus;
    this.subscription = bus.on("*.*.*", this::onEvent);
  }

  private synchronized void onEvent(Event event) {
    events.add(event);
    notifyAll();
  }

  /**
   * Waits for the first event (since the test began) whose name matches {@code pattern}, e.g.
   * {@code "order.after.create"} or {@code "*.failed.*"}, and returns it.
   *
   * @throws AssertionError naming what arrived instead, if none came within {@code timeout}
   */
  public Event awaitEvent(String pattern, Duration timeout) {
    EventPattern.check(pattern);
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (true) {
        for (Event event : events) {
          if (EventPattern.matches(pattern, event.name())) {
            return event;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no event " + pattern + " within " + timeout.toMillis() + " ms; arrived instead: "
              + describe(events));
        }
        try {
          wait(Math.max(1, left / 1_000_000), 0);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for " + pattern, e);
        }
      }
    }
  }

  /**
   * Asserts that events matching {@code patterns} were emitted in this order (others may come
   * between), after waiting for what was published so far to be delivered.
   *
   * @throws AssertionError naming the first missing one and every event that arrived
   */
  public void assertEmitted(String... patterns) {
    List<Event> seen = events();
    int at = 0;
    for (String pattern : patterns) {
      EventPattern.check(pattern);
      while (at < seen.size() && !EventPattern.matches(pattern, seen.get(at).name())) {
        at++;
      }
      if (at == seen.size()) {
        throw new AssertionError("expected events " + String.join(", ", patterns) + " in this order, but "
            + pattern + " did not follow; arrived: " + describe(seen));
      }
      at++;
    }
  }

  /** Asserts that no event matching {@code pattern} was emitted, after waiting for delivery. */
  public void assertNotEmitted(String pattern) {
    EventPattern.check(pattern);
    List<Event> matching = events(pattern);
    if (!matching.isEmpty()) {
      throw new AssertionError("expected no " + pattern + " event, but got: " + describe(matching));
    }
  }

  /** The events so far, after waiting (up to 5 s) for what was published to be delivered. */
  public List<Event> events() {
    bus.flush(FLUSH_TIMEOUT);
    synchronized (this) {
      return List.copyOf(events);
    }
  }

  /** The events so far whose name matches {@code pattern}. */
  public List<Event> events(String pattern) {
    return events().stream().filter(event -> EventPattern.matches(pattern, event.name())).collect(Collectors.toList());
  }

  /** Forgets the events so far, once what was published before is delivered. */
  void reset() {
    bus.flush(FLUSH_TIMEOUT);
    synchronized (this) {
      events.clear();
    }
  }

  void close() {
    subscription.close();
  }

  /** {@code [order.before.create, order.failed.create (IllegalStateException: no stock)]}, or {@code nothing}. */
  static String describe(List<Event> events) {
    if (events.isEmpty()) {
      return "nothing";
    }
    return events.stream()
        .map(event -> event.name() + (event.error() == null ? "" : " (" + event.error() + ")"))
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
