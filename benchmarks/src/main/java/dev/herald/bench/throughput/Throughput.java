package dev.herald.bench.throughput;

import dev.herald.api.BusStatistics;
import dev.herald.api.Event;
import dev.herald.api.EventBus;
import dev.herald.api.Herald;
import dev.herald.api.Phase;
import dev.herald.api.SubscriptionStatistics;
import dev.herald.bench.Stats;
import dev.herald.bench.baseline.BenchEvent;
import dev.herald.bench.baseline.GuavaBus;
import dev.herald.bench.service.AccountService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Benchmark 2: events per second delivered from the publisher threads (JMH {@code -t}) to {@code
 * -Dbench.listeners} no-op listeners, on Herald ({@code -Dbench.bus=herald}) or Guava's
 * AsyncEventBus ({@code guava}). Two events per operation, from one of two sources ({@code
 * -Dbench.source}): {@code call}, an instrumented call (Herald: the agent's before and after event;
 * Guava: two events made and posted around the same call, each with its clock read), which adds
 * the caller's cost of benchmark 1; or {@code bus}, two ready-made events published straight to the
 * bus ({@code EventBus.publish} / {@code post}, the same two objects each time, no clock read), which
 * measures the bus alone.
 *
 * <p>JMH's score is the publishers' operations per second. What counts is delivery, so each
 * iteration also waits until everything published was delivered and reports, through {@link Stats},
 * deliveries per second over publish time plus that drain: a bus that queues without bound cannot
 * look faster than its consumers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Throughput {

  private final boolean herald = "herald".equals(System.getProperty("bench.bus", "herald"));
  private final int listeners = Integer.getInteger("bench.listeners", 1);
  private final boolean straight = "bus".equals(System.getProperty("bench.source", "call"));
  private final AccountService service = new AccountService();
  // one count per listener, each alone on its cache lines (the middle of a 256-byte array): a
  // shared counter next to the state the publisher reads would make every delivery cost the
  // publisher a cache miss, the benchmark's own false sharing rather than the bus's
  private final List<AtomicLongArray> heraldCounts = new ArrayList<>();
  private String name = "alice";
  private Event heraldBefore;
  private Event heraldAfter;
  private BenchEvent guavaBefore;
  private BenchEvent guavaAfter;
  private long startNanos;
  private long startDelivered;

  @Setup(Level.Trial)
  public void setUp() {
    for (int i = 0; i < listeners; i++) {
      if (herald) {
        AtomicLongArray count = new AtomicLongArray(32);
        heraldCounts.add(count);
        // a listener is called by one thread at a time: a single writer
        Herald.bus().on("*.*.*", event -> count.lazySet(16, count.get(16) + 1));
      } else {
        GuavaBus.INSTANCE.subscribe(1);
      }
    }
    if (herald && !Herald.installed()) {
      throw new IllegalStateException("bench.bus=herald needs the Herald agent");
    }
    heraldBefore = Event.builder("account", Phase.BEFORE, "create").args(name).build();
    heraldAfter = Event.builder("account", Phase.AFTER, "create").args(name).result(name).build();
    guavaBefore = new BenchEvent("account.before.create", new Object[] {name}, null, 0L);
    guavaAfter = new BenchEvent("account.after.create", new Object[] {name}, name, 0L);
  }

  @Setup(Level.Iteration)
  public void startIteration() {
    startDelivered = delivered();
    startNanos = System.nanoTime();
  }

  @Benchmark
  public Object publish() {
    if (straight) {
      return publishStraight();
    }
    if (herald) {
      return service.create(name);
    }
    Object[] args = {name};
    GuavaBus.INSTANCE.post(new BenchEvent("account.before.create", args, null, System.nanoTime()));
    String result = service.create(name);
    GuavaBus.INSTANCE.post(new BenchEvent("account.after.create", args, result, System.nanoTime()));
    return result;
  }

  private Object publishStraight() {
    if (herald) {
      EventBus bus = Herald.bus();
      bus.publish(heraldBefore);
      bus.publish(heraldAfter);
    } else {
      GuavaBus.INSTANCE.post(guavaBefore);
      GuavaBus.INSTANCE.post(guavaAfter);
    }
    return name;
  }

  @TearDown(Level.Iteration)
  public void drainIteration() {
    boolean drained = herald
        ? Herald.bus().flush(Duration.ofSeconds(60))
        : GuavaBus.INSTANCE.awaitIdle(TimeUnit.SECONDS.toNanos(60));
    long nanos = System.nanoTime() - startNanos;
    long count = delivered() - startDelivered;
    Stats.put("deliveriesPerSecond", (long) (count * 1e9 / nanos));
    Stats.put("drained", drained);
  }

  @TearDown(Level.Trial)
  public void report() {
    if (herald) {
      BusStatistics stats = Herald.bus().statistics();
      Stats.put("dropped", stats.dropped());
      Stats.put("full", stats.subscriptions().stream().mapToLong(SubscriptionStatistics::queueFull).sum());
      Stats.put("failed", stats.failed());
    } else {
      Stats.put("dropped", 0);
      Stats.put("full", "n/a (unbounded)");
    }
  }

  private long delivered() {
    if (!herald) {
      return GuavaBus.INSTANCE.delivered();
    }
    long sum = 0;
    for (AtomicLongArray count : heraldCounts) {
      sum += count.get(16);
    }
    return sum;
  }
}
