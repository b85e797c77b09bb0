package dev.herald.bench.caller;

import dev.herald.api.Herald;
import dev.herald.api.Subscription;
import dev.herald.api.SubscriptionStatistics;
import dev.herald.bench.Stats;
import dev.herald.bench.baseline.AbqAccounts;
import dev.herald.bench.baseline.FloorAccounts;
import dev.herald.bench.baseline.MpscAccounts;
import dev.herald.bench.baseline.GuavaBus;
import dev.herald.bench.baseline.ProxyAccounts;
import dev.herald.bench.service.AccountService;
import dev.herald.bench.service.Accounts;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
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
 * Benchmark 1: what one instrumented write costs the calling thread, per {@link CallerCase}. One
 * class for all cases: the fork's JVM flags (agent or none) and {@code -Dbench.case} pick the case,
 * so every case runs the very same benchmark method.
 *
 * <p>For the asynchronous cases it reports, through {@link Stats}, how often the queue was full,
 * how many events were dropped, and the backlog left at the end of each iteration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CallerCost {

  private final CallerCase which = CallerCase.current();
  private Accounts accounts;
  private AbqAccounts abq;
  private MpscAccounts handoff;
  private Subscription subscription;
  private String name = "alice";
  private long peakBacklog;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private long iterationCpu;
  private long iterationWall;

  @Setup(Level.Trial)
  public void setUp() {
    AccountService service = new AccountService();
    accounts = switch (which) {
      case NO_AGENT, HERALD_IDLE, ASPECTJ_GUAVA -> service;
      case HERALD_NOOP, HERALD_KEEP -> service;
      case ABQ -> abq = new AbqAccounts(service);
      case PROXY_GUAVA -> ProxyAccounts.wrap(service);
      case FLOOR -> new FloorAccounts(service);
      case HANDOFF -> handoff = new MpscAccounts(service);
    };
    if (which == CallerCase.HERALD_NOOP) {
      subscription = Herald.bus().on("*.*.*", event -> { });
    } else if (which == CallerCase.HERALD_KEEP) {
      subscription = Herald.bus().on("*.*.*", new KeepingListener());
    } else if (which == CallerCase.ASPECTJ_GUAVA || which == CallerCase.PROXY_GUAVA) {
      GuavaBus.INSTANCE.subscribe(1);
    }
    if (which.herald() && !Herald.installed()) {
      throw new IllegalStateException("case " + which + " needs the Herald agent");
    }
  }

  @Benchmark
  public String write() {
    return accounts.create(name);
  }

  /** Runs on the benchmark thread, just before the iteration's timed window. */
  @Setup(Level.Iteration)
  public void startIteration() {
    iterationCpu = threads.getCurrentThreadCpuTime();
    iterationWall = System.nanoTime();
  }

  /**
   * The backlog, and the share of the iteration's wall time the calling thread was on a CPU: on a
   * shared, loaded machine the wall time per call includes time spent descheduled, the CPU time
   * is what the call itself cost that thread (a caller parked on a full queue uses no CPU, which
   * the queue-full count shows instead).
   */
  @TearDown(Level.Iteration)
  public void sampleBacklog() {
    long used = threads.getCurrentThreadCpuTime() - iterationCpu;
    long wall = System.nanoTime() - iterationWall;
    Stats.put("cpuShare", wall > 0 ? Math.min(1.0, used / (double) wall) : 1.0);
    peakBacklog = Math.max(peakBacklog, backlog());
  }

  @TearDown(Level.Trial)
  public void report() {
    Stats.put("case", which);
    if (!which.async()) {
      return;
    }
    Stats.put("peakBacklog", peakBacklog);
    switch (which) {
      case ABQ -> {
        Stats.put("full", abq.fullCount());
        Stats.put("dropped", 0);
      }
      case HANDOFF -> {
        Stats.put("full", handoff.fullCount());
        Stats.put("dropped", 0);
      }
      case ASPECTJ_GUAVA, PROXY_GUAVA -> {
        Stats.put("full", "n/a (unbounded)");
        Stats.put("dropped", 0);
      }
      default -> {
        SubscriptionStatistics stats = subscription.statistics();
        // with overflow=block a full queue makes the caller wait; only a wait past block-timeout
        // becomes a drop. Counted over the whole trial, warm-up included.
        Stats.put("full", stats.queueFull());
        Stats.put("dropped", stats.dropped());
        Stats.put("delivered", stats.delivered());
      }
    }
  }

  private long backlog() {
    return switch (which) {
      case ABQ -> abq.backlog();
      case HANDOFF -> handoff.backlog();
      case ASPECTJ_GUAVA, PROXY_GUAVA -> GuavaBus.INSTANCE.backlog();
      case HERALD_NOOP, HERALD_KEEP -> subscription.statistics().queued();
      default -> 0;
    };
  }
}
