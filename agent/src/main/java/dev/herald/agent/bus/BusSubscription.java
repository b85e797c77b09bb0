package dev.herald.agent.bus;

import dev.herald.agent.log.AgentLog;
import dev.herald.agent.log.RateLimitedLog;
import dev.herald.api.Event;
import dev.herald.api.EventListener;
import dev.herald.api.Subscription;
import dev.herald.api.SubscriptionStatistics;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import org.jctools.queues.atomic.AtomicReferenceArrayQueue;
import org.jctools.queues.atomic.MpmcAtomicArrayQueue;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;
import org.slf4j.Logger;

/**
 * One subscription of a {@link DefaultEventBus}: its bounded queue, its overflow policy, its
 * listener and its counters.
 *
 * <p>Threading: any thread offers; a delivery thread delivers only while it holds this
 * subscription's claim ({@link #tryClaim()}), so the listener is never called from two threads at
 * once and sees events in queue order. Whoever holds the claim when the subscription is closed
 * discards what is queued; {@link #release()} re-checks, so that an event offered while the
 * subscription closed is discarded too. Counting is exact: {@code delivered + failed + dropped +
 * queued} equals the events offered, once no delivery is in progress.
 */
final class BusSubscription implements Subscription {

  private static final Logger log = AgentLog.get(BusSubscription.class);
  private static final long FAILURE_LOG_INTERVAL_MILLIS = 60_000L;
  // inflightFrom while no batch is being delivered
  private static final long IDLE = Long.MAX_VALUE;
  private static final VarHandle CLOSED;
  private static final VarHandle CLAIMED;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      CLOSED = lookup.findVarHandle(BusSubscription.class, "closed", boolean.class);
      CLAIMED = lookup.findVarHandle(BusSubscription.class, "claimed", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String name;
  private final String pattern;
  private final EventListener listener;
  private final DefaultEventBus bus;
  private final Totals totals;
  private final Overflow overflow;
  final AtomicReferenceArrayQueue<Event> queue;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final RateLimitedLog failures = new RateLimitedLog(log, FAILURE_LOG_INTERVAL_MILLIS);
  private final String failureMessage;
  private volatile boolean closed;
  private volatile boolean claimed;
  // consumer index at the start of the batch being delivered: every event in flight has an index at
  // least this; lets flush tell "removed from the queue" from "handed to the listener and returned"
  private volatile long inflightFrom = IDLE;

  BusSubscription(String name, String pattern, EventListener listener, BusOptions options,
      DefaultEventBus bus, Totals totals) {
    this.name = name;
    this.pattern = pattern;
    this.listener = listener;
    this.bus = bus;
    this.totals = totals;
    int capacity = Math.max(2, options.queueCapacity());
    // a publisher evicts the oldest under drop-oldest, so that queue needs many consumers
    this.queue = options.overflow() == OverflowPolicy.DROP_OLDEST
        ? new MpmcAtomicArrayQueue<>(capacity)
        : new MpscAtomicArrayQueue<>(capacity);
    this.overflow = new Overflow(this, options, bus.pool(),
        new DropLog(log, name, pattern, options.overflow(), dropped));
    this.failureMessage = "subscription '" + name + "' (pattern " + pattern + "): the listener threw";
  }

  /**
   * Queues {@code event}, applying the overflow policy if the queue is full. Never throws.
   *
   * @param deadline when a blocking publish must give up, shared by all subscriptions of one
   *     publish; 0 if not yet set
   * @return the deadline, set if this call had to wait
   */
  long offer(Event event, long deadline) {
    if (!queue.offer(event)) {
      deadline = overflow.onFull(event, deadline);
    }
    if (closed) {
      discardIfUnclaimed();
    }
    return deadline;
  }

  /**
   * Delivers up to {@code limit} queued events, in order. The caller holds the claim.
   *
   * @return how many events were handed to the listener
   */
  int deliver(int limit, DeliveryPool pool) {
    inflightFrom = queue.currentConsumerIndex();
    int count = 0;
    try {
      while (count < limit && !closed && !pool.stopped()) {
        Event event = queue.poll();
        if (event == null) {
          break;
        }
        deliverOne(event);
        count++;
      }
    } finally {
      inflightFrom = IDLE;
    }
    return count;
  }

  private void deliverOne(Event event) {
    try {
      listener.onEvent(event);
      // single writer: only the claim holder counts deliveries
      delivered.lazySet(delivered.get() + 1);
      totals.delivered.increment();
    } catch (Throwable t) { // an Error such as StackOverflowError too: the listener's, not ours
      failed.lazySet(failed.get() + 1);
      totals.failed.increment();
      failures.record(failureMessage, t);
    }
  }

  /** Takes the right to deliver (or discard); false if another thread has it. */
  boolean tryClaim() {
    return !claimed && CLAIMED.compareAndSet(this, false, true);
  }

  /** Gives the claim back; if the subscription was closed meanwhile, discards what is left. */
  void release() {
    do {
      claimed = false;
      if (!closed || queue.isEmpty() || !tryClaim()) {
        return;
      }
      discardQueued();
    } while (true);
  }

  boolean claimed() {
    return claimed;
  }

  boolean hasQueued() {
    return !queue.isEmpty();
  }

  boolean isClosed() {
    return closed;
  }

  /** Counts one event dropped, by the overflow policy or by closing. */
  void countDrop() {
    dropped.incrementAndGet();
    totals.dropped.increment();
  }

  /** The mark {@link #reached} waits for: how many events were ever queued here. */
  long flushMark() {
    return queue.currentProducerIndex();
  }

  /** True once every event queued before {@code mark} was delivered, failed or dropped. */
  boolean reached(long mark) {
    // consumer index first: the batch start it covers was published before it (see deliver)
    return closed || (queue.currentConsumerIndex() >= mark && inflightFrom >= mark);
  }

  /** Events queued or being delivered; meant for the shutdown report. */
  long undelivered() {
    return queue.size() + (inflightFrom != IDLE ? 1 : 0);
  }

  @Override
  public String pattern() {
    return pattern;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SubscriptionStatistics statistics() {
    return new SubscriptionStatistics(
        name, pattern, delivered.get(), failed.get(), dropped.get(), queue.size());
  }

  /**
   * Stops delivery and discards what is queued, counted as dropped: at once, or, if a delivery
   * thread is inside the listener right now, when that call returns. Idempotent; never throws.
   */
  @Override
  public void close() {
    if (!CLOSED.compareAndSet(this, false, true)) {
      return;
    }
    try {
      bus.onClose(this);
    } catch (Throwable t) {
      log.warn("bus: closing subscription '{}' failed", name, t);
    }
    discardIfUnclaimed();
  }

  private void discardIfUnclaimed() {
    // if another thread holds the claim, its release() discards instead
    if (tryClaim()) {
      discardQueued();
      release();
    }
  }

  private void discardQueued() {
    while (queue.poll() != null) {
      countDrop();
    }
  }

  @Override
  public String toString() {
    return "Subscription[" + name + ", " + pattern + (closed ? ", closed]" : "]");
  }
}
