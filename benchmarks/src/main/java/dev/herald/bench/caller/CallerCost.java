package dev.herald.bench.caller;

import dev.herald.api.Herald;
import dev.herald.api.Subscription;
import dev.herald.api.SubscriptionStatistics;
import dev.herald.bench.Stats;
import dev.herald.bench.baseline.AbqAccounts;
import dev.herald.bench.baseline.FloorAccounts;
import dev.herald.bench.baseline.GuavaBus;
import dev.herald.bench.baseline.ProxyAccounts;
import dev.herald.bench.target.AccountService;
import dev.herald.bench.target.Accounts;
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
  private Subscription subscription;
  private String name = "alice";
  private long peakBacklog;

  @Setup(Level.Trial)
  public void setUp() {
    AccountService service = new AccountService();
    accounts = switch (which) {
      case NO_AGENT, HERALD_IDLE, ASPECTJ_GUAVA -> service;
      case HERALD_NOOP, HERALD_KEEP -> service;
      case ABQ -> abq = new AbqAccounts(service);
      case PROXY_GUAVA -> ProxyAccounts.wrap(service);
      case FLOOR -> new FloorAccounts(service);
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

  @TearDown(Level.Iteration)
  public void sampleBacklog() {
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
      case ASPECTJ_GUAVA, PROXY_GUAVA -> {
        Stats.put("full", "n/a (unbounded)");
        Stats.put("dropped", 0);
      }
      default -> {
        SubscriptionStatistics stats = subscription.statistics();
        // Herald counts drops, not how often a queue was full: with overflow=block a full queue
        // makes the caller wait, and only a wait past block-timeout becomes a drop.
        Stats.put("full", "n/a (not counted)");
        Stats.put("dropped", stats.dropped());
        Stats.put("delivered", stats.delivered());
      }
    }
  }

  private long backlog() {
    return switch (which) {
      case ABQ -> abq.backlog();
      case ASPECTJ_GUAVA, PROXY_GUAVA -> GuavaBus.INSTANCE.backlog();
      case HERALD_NOOP, HERALD_KEEP -> subscription.statistics().queued();
      default -> 0;
    };
  }
}
