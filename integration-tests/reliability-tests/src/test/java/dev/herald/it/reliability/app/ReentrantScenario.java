package dev.herald.it.reliability.app;

import dev.herald.api.Event;
import dev.herald.api.EventBus;
import dev.herald.api.EventListener;
import dev.herald.api.Herald;
import dev.herald.api.Phase;
import dev.herald.api.Subscription;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Point 5: listeners that re-enter the bus while {@code calls} service calls flow. {@link Stable}
 * counts every order event and pairs them by invocation id; {@link Republisher} publishes one
 * {@code audit.after.record} per order created, which {@link AuditCounter} counts; {@link Churner}
 * subscribes a new listener and closes the previous one on every event; {@link NestedCaller} calls
 * the instrumented service from inside its handler.
 */
final class ReentrantScenario {

  private ReentrantScenario() {}

  static void run(Options options) {
    long calls = options.number("calls", 5_000);
    EventBus bus = Herald.bus();
    OrderService service = new OrderService();
    Stable stable = new Stable();
    AuditCounter audits = new AuditCounter();
    Churner churner = new Churner(bus);
    NestedCaller nested = new NestedCaller(service);
    bus.on("order.*.*", stable);
    bus.on("order.after.create", new Republisher(bus));
    bus.on("audit.*.*", audits);
    bus.on("order.*.*", churner);
    bus.on("order.after.create", nested);
    for (long i = 0; i < calls; i++) {
      service.create(i);
    }
    Out.print("flush", bus.flush(Duration.ofSeconds(60)));
    synchronized (stable) {
      Out.print("stable-before", stable.before);
      Out.print("stable-after", stable.after);
      Out.print("stable-unpaired", stable.open.size());
    }
    Out.print("audit-received", audits.received());
    Out.print("churn-cycles", churner.cycles());
    Out.print("nested-calls", nested.calls());
    Out.print("nested-wrong", nested.wrong());
    Out.print("service-calls", service.calls());
    Out.statistics("end");
  }

  /** Counts order events by phase; an id left open is a before without its after. */
  static final class Stable implements EventListener {
    long before;
    long after;
    final Set<Long> open = new HashSet<>();

    @Override
    public synchronized void onEvent(Event event) {
      if (event.phase() == Phase.BEFORE) {
        before++;
        open.add(event.invocationId());
      } else {
        after++;
        open.remove(event.invocationId());
      }
    }
  }

  /** Publishes from its handler: one audit event per order created. */
  record Republisher(EventBus bus) implements EventListener {
    @Override
    public void onEvent(Event event) {
      bus.publish(Event.builder("audit", Phase.AFTER, "record").args(event.invocationId()).build());
    }
  }

  /** Counts the audit events. */
  static final class AuditCounter implements EventListener {
    private long received;

    @Override
    public synchronized void onEvent(Event event) {
      received++;
    }

    synchronized long received() {
      return received;
    }
  }

  /** Subscribes and unsubscribes while events flow: each event closes the last temporary subscription and makes a new one. */
  static final class Churner implements EventListener {
    private final EventBus bus;
    private Subscription temporary;
    private long cycles;

    Churner(EventBus bus) {
      this.bus = bus;
    }

    @Override
    public synchronized void onEvent(Event event) {
      if (temporary != null) {
        temporary.close();
      }
      temporary = bus.on("order.after.*", e -> { });
      cycles++;
    }

    synchronized long cycles() {
      return cycles;
    }
  }

  /** Calls the instrumented service from its handler, as a listener that places follow-up orders would. */
  static final class NestedCaller implements EventListener {
    private final OrderService service;
    private long calls;
    private long wrong;

    NestedCaller(OrderService service) {
      this.service = service;
    }

    @Override
    public synchronized void onEvent(Event event) {
      calls++;
      if (service.create(-1) != 0) {
        wrong++;
      }
    }

    synchronized long calls() {
      return calls;
    }

    synchronized long wrong() {
      return wrong;
    }
  }
}
