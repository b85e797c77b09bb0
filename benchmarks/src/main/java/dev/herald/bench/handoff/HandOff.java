package dev.herald.bench.handoff;

import dev.herald.bench.baseline.MpscRing;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What handing a call's two events to another thread costs the caller, without Herald around it:
 * the bound under which benchmark 1's case (c) cannot go. Each operation is the floor's work (two
 * clock reads, an argument array and two small events) and, but for {@code NONE}, the two events
 * queued to a consumer thread that naps 100 µs when it finds nothing, as Herald's delivery threads
 * do, and drains in order.
 *
 * <ul>
 *   <li>{@code NONE}: the floor: the events are made and dropped.
 *   <li>{@code MPSC}: Herald's queue algorithm ({@code MpscEventQueue}, JCTools' {@code
 *       MpscArrayQueue}): a compare-and-swap claims each slot, then a release store fills it. The
 *       claim is what orders events across publishing threads.
 *   <li>{@code MPSC_CLAIM_FIRST}: the same queue, the before event's slot claimed before its event
 *       and the argument array are allocated (Herald claims after).
 *   <li>{@code SPSC}: one publishing thread's own queue, no atomic instruction: what one queue per
 *       publishing thread would cost, which then needs another way to order events across threads.
 * </ul>
 *
 * <p>Not part of the suite's report; run it alone:
 * {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main HandOff -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseG1GC", "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class HandOff {

  @Param({"NONE", "MPSC", "MPSC_CLAIM_FIRST", "SPSC"})
  public String mode;

  private MpscRing ring;
  private Thread consumer;
  private volatile boolean stop;

  /** An event as small as the floor's. */
  static final class Event {
    final long nanos;
    final Object[] args;

    Event(long nanos, Object[] args) {
      this.nanos = nanos;
      this.args = args;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    ring = new MpscRing(8192);
    consumer = new Thread(this::consume, "hand-off-consumer");
    consumer.setDaemon(true);
    consumer.start();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    stop = true;
    consumer.join(5_000);
  }

  private void consume() {
    while (!stop) {
      if (ring.poll() == null) {
        LockSupport.parkNanos(100_000);
      }
    }
  }

  @Benchmark
  public void call(Blackhole sink) {
    long start = System.nanoTime();
    switch (mode) {
      case "NONE" -> {
        Object[] args = {"alice"};
        sink.consume(new Event(start, args));
        sink.consume(new Event(System.nanoTime() - start, args));
      }
      case "MPSC" -> {
        Object[] args = {"alice"};
        ring.fill(ring.claim(), new Event(start, args));
        long end = System.nanoTime();
        ring.fill(ring.claim(), new Event(end - start, args));
      }
      case "MPSC_CLAIM_FIRST" -> {
        long slot = ring.claim();
        Object[] args = {"alice"};
        ring.fill(slot, new Event(start, args));
        long end = System.nanoTime();
        ring.fill(ring.claim(), new Event(end - start, args));
      }
      case "SPSC" -> {
        Object[] args = {"alice"};
        ring.fill(ring.claimAlone(), new Event(start, args));
        long end = System.nanoTime();
        ring.fill(ring.claimAlone(), new Event(end - start, args));
      }
      default -> throw new IllegalArgumentException(mode);
    }
  }
}
