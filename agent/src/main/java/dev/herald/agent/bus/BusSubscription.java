package dev.herald.agent.bus;

import dev.herald.agent.log.AgentLog;
import dev.herald.agent.log.RateLimitedLog;
import dev.herald.api.Event;
import dev.herald.api.EventListener;
import dev.herald.api.Subscription;
import dev.herald.api.SubscriptionStatistics;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 * queued} equals the events offered, once no delivery is in progress. {@code queueFull} counts the
 * offers that found the queue full, whatever the policy then did.
 */
final class BusSubscription implements Subscription {

  private static final Logger log = AgentLog.get(BusSubscription.class);
  private static final long FAILURE_LOG_INTERVAL_MILLIS = 60_000L;
  /** {@link DeliveryState#inflightFrom} while no batch is being delivered. */
  static final long IDLE = Long.MAX_VALUE;
  private static final VarHandle CLOSED;

  static {
    try {
      CLOSED = MethodHandles.lookup().findVarHandle(BusSubscription.class, "closed", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // Read by publishers on every offer: final or rarely written, so that this object's cache lines
  // stay shared between cores. What the delivery thread writes lives in `state`, padded apart.
  private static final AtomicLong IDS = new AtomicLong();

  /** A number of its own, never 0: what a delivery thread marks its batch with. */
  final long id = IDS.incrementAndGet();
  private final String name;
  private final String pattern;
  /** Whether a hanging call of its listener was logged at WARN, and whether its return was; by the watch only. */
  boolean hangWarned;
  boolean returnTold;
  /** Whether its listener publishing an event its own pattern matches was told; by delivery threads only. */
  volatile boolean toldOwnPublish;
  /** Whether its listener publishing past {@link Relayed#MAX_HOPS} was told; by delivery threads only. */
  volatile boolean toldRelayLoop;
  private final EventListener listener;
  private final DefaultEventBus bus;
  private final DeliveryPool pool;
  private final Totals totals;
  final Overflow overflow;
  final EventQueue queue;
  // a publisher whose event lands on a multiple of checkEvery (an eighth of the queue) checks that
  // the backlog is under half the queue, or that some thread is delivering it; see offer
  private final long checkMask;
  private final long wakeBacklog;
  private volatile boolean closed;
  private final DeliveryState state = new DeliveryState();
  // written by publishers on the overflow path only
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong queueFull = new AtomicLong();
  // publishers evicting under drop-oldest: an event taken from the queue and not yet counted
  private final AtomicInteger evicting = new AtomicInteger();
  private final RateLimitedLog failures = new RateLimitedLog(log, FAILURE_LOG_INTERVAL_MILLIS, true);
  private final String failureMessage;

  BusSubscription(String name, String pattern, EventListener listener, BusOptions options,
      DefaultEventBus bus, Totals totals) {
    this.name = name;
    this.pattern = pattern;
    this.listener = listener;
    this.bus = bus;
    this.pool = bus.pool();
    this.totals = totals;
    int capacity = Math.max(2, options.queueCapacity());
    this.queue = EventQueue.forPolicy(options.overflow(), capacity);
    this.checkMask = Math.max(queue.capacity() / 8, 1) - 1;
    this.wakeBacklog = queue.capacity() / 2;
    this.overflow = new Overflow(this, options, pool,
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
    if (queue.offer(event)) {
      // Delivery threads are not signalled per event: an idle one naps and looks again. A burst
      // may fill the queue faster than a nap lasts, so once per eighth of the queue a publisher
      // checks the backlog, and past half the queue, if nobody is delivering here, wakes a napping
      // thread. Costs a read of the index this thread has just written; the consumer's index and
      // a wake (a system call, microseconds) only at those points, and a wake only in a burst.
      long produced = queue.producerIndex();
      if ((produced & checkMask) == 0 && produced - queue.consumerIndex() > wakeBacklog
          && !state.claimed()) {
        pool.wakeNapper();
      }
    } else {
      queueFull.incrementAndGet();
      deadline = overflow.onFull(event, deadline);
    }
    if (closed) {
      // This publisher's route was older than the close, which may have left flush's list already:
      // list it again before trying the claim, so that whichever thread lets go of the claim last
      // (this one after discarding, or the holder after dropping this event) forgets it after this.
      bus.onStillClosing(this);
      discardIfUnclaimed();
    }
    return deadline;
  }

  /**
   * Delivers up to {@code limit} queued events, in order, on {@code self}. The caller holds the
   * claim.
   *
   * @return how many events were handed to the listener
   */
  int deliver(int limit, DeliveryPool pool, DeliveryThread self) {
    state.startBatch(queue.consumerIndex());
    int delivered = 0;
    int failed = 0;
    try {
      while (delivered + failed < limit && !closed && !pool.stopped()) {
        // relaxed: an event whose publisher is between claiming its slot and filling it is left
        // for the next round instead of spun for; hasQueued still reports it
        Event event = queue.relaxedPoll();
        if (event == null) {
          break;
        }
        int hops = 0;
        if (event instanceof Relayed relayed) {
          hops = relayed.hops;
          event = relayed.event;
        }
        if (self.relayHops != hops) { // mostly 0 to 0: no store per event into the thread's fields
          self.relayHops = hops; // what the listener publishes in answer is one more
        }
        if (deliverOne(event)) {
          delivered++;
        } else {
          failed++;
        }
      }
    } finally {
      // bus-wide totals once per batch: a striped counter, but shared by all delivery threads
      if (delivered > 0) {
        totals.delivered.add(delivered);
      }
      if (failed > 0) {
        totals.failed.add(failed);
      }
      self.relayHops = 0;
      state.inflightFrom = IDLE;
    }
    return delivered + failed;
  }

  /** Hands {@code event} to the listener; true if it returned normally. */
  private boolean deliverOne(Event event) {
    try {
      listener.onEvent(event);
      state.countDelivered();
      return true;
    } catch (Throwable t) { // an Error such as StackOverflowError too: the listener's, not ours
      state.countFailed();
      failures.record(failureMessage, t);
      return false;
    } finally {
      // A listener that restored an interrupt it caught leaves it set: the next listener on this
      // thread, another plugin's, would find its FileChannel closed or its wait cut short.
      Thread.interrupted();
    }
  }

  /** Takes the right to deliver (or discard); false if another thread has it. */
  boolean tryClaim() {
    return state.tryClaim();
  }

  /** Gives the claim back; if the subscription was closed meanwhile, discards what is left. */
  void release() {
    do {
      state.release();
      if (!closed) {
        return;
      }
      if (queue.isEmpty()) {
        bus.onDropped(this);
        return;
      }
      if (!tryClaim()) {
        return; // the thread that holds the claim now drops what is left
      }
      discardQueued();
    } while (true);
  }

  boolean claimed() {
    return state.claimed();
  }

  boolean hasQueued() {
    return !queue.isEmpty();
  }

  /** True if it is a subscription of {@code other}. */
  boolean of(DefaultEventBus other) {
    return bus == other;
  }

  boolean isClosed() {
    return closed;
  }

  /**
   * Under drop-oldest, by a publisher: takes the oldest queued event and counts it dropped; false if
   * none was queued. Until it is counted, {@link #reached} does not count it as handled.
   */
  boolean evictOldest() {
    evicting.incrementAndGet(); // before the take: whoever sees the take sees this
    try {
      if (queue.poll() == null) {
        return false;
      }
      countDrop();
      return true;
    } finally {
      evicting.decrementAndGet();
    }
  }

  /** Counts one event dropped, by the overflow policy or by closing. */
  void countDrop() {
    dropped.incrementAndGet();
    totals.dropped.increment();
  }

  /** At shutdown: reports the queue-full drops its periodic WARN has not told yet. */
  void reportRestOfDrops() {
    overflow.reportRestOfDrops();
  }

  /**
   * Counts {@code count} events dropped before they reached this queue: beyond what was kept at
   * start-up ({@link HeldEvents}), or a listener's answer cut from a chain ({@link Relayed}). Not
   * queue-full drops: the periodic WARN of those does not tell them.
   */
  void countDrops(long count) {
    dropped.addAndGet(count);
    totals.dropped.add(count);
  }

  /** The mark {@link #reached} waits for: how many events were ever queued here. */
  long flushMark() {
    return queue.producerIndex();
  }

  /** True once every event queued before {@code mark} was delivered, failed or dropped. */
  boolean reached(long mark) {
    if (closed) {
      // what it held is dropped by whoever holds the claim: counted once the claim is given back
      return queue.isEmpty() && !state.claimed() && evicting.get() == 0;
    }
    // consumer index first: the batch start it covers was published before it (see deliver), and
    // so was an eviction's mark (see evictOldest)
    return queue.consumerIndex() >= mark && state.inflightFrom >= mark && evicting.get() == 0;
  }

  /** Events delivered in the batch in flight, not yet in the bus's totals; for the shutdown report. */
  long deliveredInBatch() {
    return state.deliveredInBatch();
  }

  /** As {@link #deliveredInBatch()}, for failed events. */
  long failedInBatch() {
    return state.failedInBatch();
  }

  /** Events queued or being delivered; meant for the shutdown report. */
  long undelivered() {
    return queue.size() + (state.inflightFrom != IDLE ? 1 : 0);
  }

  /**
   * How many listener calls have returned: unchanged while one call lasts. Not the queue's consumer
   * index, which publishers evicting the oldest event (drop-oldest) move on too.
   */
  long progress() {
    return state.delivered() + state.failed();
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
    return new SubscriptionStatistics(name, pattern, state.delivered(), state.failed(),
        dropped.get(), queue.size(), queueFull.get());
  }

  /**
   * Stops delivery and discards what is queued, counted as dropped: at once, or, if a delivery
   * thread is inside the listener right now (or past its last check of {@code closed}, about to
   * enter it with one event), when that call returns. Idempotent; never throws; never waits.
   */
  @Override
  public void close() {
    if (!CLOSED.compareAndSet(this, false, true)) {
      return;
    }
    reportRestOfDrops(); // the shutdown's report reaches open subscriptions only
    try {
      bus.onClose(this);
    } catch (Throwable t) {
      log.warn("bus: closing subscription '{}' failed", name, t);
    }
    discardIfUnclaimed();
    if (queue.isEmpty() && !state.claimed()) {
      bus.onDropped(this); // a delivery that ended before onClose listed it as closing
    }
  }

  /** True if it discarded; false if another thread holds the claim, whose release() discards instead. */
  private boolean discardIfUnclaimed() {
    if (tryClaim()) {
      discardQueued();
      release();
      return true;
    }
    return false;
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
