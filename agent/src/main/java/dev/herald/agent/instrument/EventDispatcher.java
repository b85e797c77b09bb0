package dev.herald.agent.instrument;

import dev.herald.agent.bootstrap.Dispatcher;
import dev.herald.agent.bus.DefaultEventBus;
import dev.herald.agent.bus.HeldEvents;
import dev.herald.agent.bus.Route;
import dev.herald.agent.bus.ThreadCounters;
import dev.herald.agent.log.AgentLog;
import dev.herald.agent.log.RateLimitedLog;
import dev.herald.api.EventContext;
import dev.herald.api.Phase;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The run-time side of instrumentation: turns the calls the advice reports into events on the
 * bus. Every method catches everything: a failure here is counted and logged, rate-limited, and the
 * application's call goes on as if the agent were absent.
 *
 * <p>Safe for concurrent use.
 */
final class EventDispatcher implements Dispatcher {

  private final SiteRegistry sites;
  /** Replaced whole when the services change while running. */
  private volatile TypeBindings bindings;
  private final DefaultEventBus bus;
  private final HeldEvents held;
  private final BaseRetransformer retransformer;
  private final EventClock clock = new EventClock();
  private final RateLimitedLog problems =
      new RateLimitedLog(AgentLog.get(EventDispatcher.class), 60_000, true); // the application's errors too

  EventDispatcher(SiteRegistry sites, TypeBindings bindings, DefaultEventBus bus, HeldEvents held,
      BaseRetransformer retransformer) {
    this.sites = sites;
    this.bindings = bindings;
    this.bus = bus;
    this.held = held;
    this.retransformer = retransformer;
  }

  TypeBindings bindings() {
    return bindings;
  }

  /** Emits according to {@code next} from the next call on; calls in flight finish as they began. */
  void use(TypeBindings next) {
    bindings = next;
  }

  @Override
  public void constructing() {
    try {
      retransformer.settle();
    } catch (Throwable t) {
      problems.record("Herald could not instrument a base class", t);
    }
  }

  @Override
  public Object enter(int siteId, Class<?> origin, Object self) {
    try {
      Site site = sites.get(siteId);
      if (site == null) {
        return null;
      }
      Binding binding = site.binding(self != null ? self.getClass() : origin, bindings);
      if (!binding.active()) {
        return null;
      }
      return track(binding, siteId);
    } catch (Throwable t) {
      problems.record("Herald could not track a call; it runs on without its events", t);
      return null;
    }
  }

  /** As {@link #enter}, while the plugins start: tracked if enabled, its events kept until they have subscribed. */
  @Override
  public Object enterHeld(int siteId, Class<?> origin, Object self) {
    try {
      Site site = sites.get(siteId);
      if (site == null) {
        return null;
      }
      Binding binding = site.binding(self != null ? self.getClass() : origin, bindings);
      if (!binding.enabled()) {
        return null;
      }
      Invocation call = track(binding, siteId);
      if (call != null) {
        call.held = true;
      }
      return call;
    } catch (Throwable t) {
      problems.record("Herald could not track a call; it runs on without its events", t);
      return null;
    }
  }

  /** The token of a call of {@code binding}, pushed on the thread's call stack; null if nested or a listener's. */
  private Invocation track(Binding binding, int siteId) {
    CallStack stack = CallStack.current();
    // A write made by a listener emits nothing: a listener on order.* that places orders would
    // otherwise feed itself forever.
    int key = binding.key;
    if (stack.onDeliveryThread || stack.containsLive(key, siteId, sites)) {
      return null;
    }
    EventContext context = binding.type.mdc().complete(EventContext.current());
    // Read before the allocation, not as its arguments: with a call (the clock) between an
    // allocation and its constructor, the JIT must treat the new object as possibly old and put
    // G1's write barriers on each field the constructor sets.
    long id = stack.nextId();
    long startNanos = System.nanoTime();
    Invocation call = new Invocation(binding, id, startNanos, context, stack);
    stack.counts.add(binding.callsSlot, 1);
    // Last: an error after it (a StackOverflowError in a deep recursion) would make enter return
    // null with the call pushed, and every later call of its kind on this thread would be taken
    // for nested in it. The key and id as the values in hand: read back through the new object,
    // they waited for its stores (perfasm put a tenth of the woven method's samples on that load).
    stack.push(key, id, siteId);
    return call;
  }

  @Override
  public void before(Object token, Object[] args) {
    try {
      Invocation call = (Invocation) token;
      call.args = args;
      call.epochNanos = clock.epochNanos(call.startNanos);
      Route route = call.binding.before;
      if (call.held) {
        held.publishOfHeldCall(route, call);
      } else if (!route.isEmpty()) {
        bus.publish(route, call, call.stack.counts);
      }
    } catch (Throwable t) {
      problems.record("Herald could not publish a before event", t);
    }
  }

  @Override
  public void exit(Object token, Object result, Throwable thrown) {
    Invocation call = (Invocation) token;
    try {
      call.stack.pop(call);
      if (thrown != null) {
        publish(call, Phase.FAILED, call.binding.failed, thrown, System.nanoTime(), call.stack.counts);
      } else if (result != null && call.binding.isStage(result)) {
        awaitStage(call, (CompletionStage<?>) result);
      } else {
        publish(call, Phase.AFTER, call.binding.after, result, System.nanoTime(), call.stack.counts);
      }
    } catch (Throwable t) {
      problems.record("Herald could not publish an after or failed event", t);
    }
  }

  private void awaitStage(Invocation call, CompletionStage<?> stage) {
    // Whichever comes first, the callback or the refusal below, publishes the call's one outcome:
    // a whenComplete may run the callback and throw all the same.
    AtomicBoolean told = new AtomicBoolean();
    try {
      stage.whenComplete((value, error) -> {
        if (told.compareAndSet(false, true)) {
          completed(call, value, error);
        }
      });
    } catch (Throwable t) {
      if (!told.compareAndSet(false, true)) {
        problems.record("The CompletionStage " + stage.getClass().getName() + " returned by " + call.binding.className
            + "." + call.binding.methodName + " threw from whenComplete after taking the callback", t);
        return;
      }
      // A stage that takes no callback (a read-only wrapper): the call did return, so its before
      // event still gets its after, with the stage itself as the result.
      problems.record("Herald could not wait for the CompletionStage " + stage.getClass().getName()
          + " returned by " + call.binding.className + "." + call.binding.methodName + "; its after event carries the stage, not its value", t);
      publish(call, Phase.AFTER, call.binding.after, stage, System.nanoTime(), call.stack.counts);
    }
  }

  private void completed(Invocation call, Object value, Throwable error) {
    try {
      long now = System.nanoTime();
      ThreadCounters.Cells counts = ThreadCounters.current(); // the completing thread's
      if (error == null) {
        publish(call, Phase.AFTER, call.binding.after, value, now, counts);
      } else {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        publish(call, Phase.FAILED, call.binding.failed, cause, now, counts);
      }
    } catch (Throwable t) {
      problems.record("Herald could not publish the outcome of an asynchronous call", t);
    }
  }

  /**
   * Publishes the after or failed event of {@code call}, which ended at {@code nanoTime}, counted in
   * {@code counts}: the publishing thread's cells.
   */
  private void publish(Invocation call, Phase phase, Route route, Object outcome, long nanoTime,
      ThreadCounters.Cells counts) {
    if (call.held) {
      held.publishOfHeldCall(route, new HeraldEvent(call, phase, outcome, nanoTime - call.startNanos));
      return;
    }
    if (route.isEmpty()) {
      return;
    }
    bus.publish(route, new HeraldEvent(call, phase, outcome, nanoTime - call.startNanos), counts);
  }
}
