package dev.herald.bench;

import dev.herald.bench.JmhRuns.Row;
import dev.herald.bench.caller.CallerCase;
import dev.herald.bench.startup.FootprintBench.Footprint;
import dev.herald.bench.startup.ProcessRuns.Timing;
import dev.herald.bench.startup.StartupBench;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects the rows of one run and renders them as Markdown tables, with each target checked. */
final class Report {

  private final Workspace workspace;
  private final Map<CallerCase, Row> caller = new EnumMap<>(CallerCase.class);
  private final Map<String, Row> throughput = new LinkedHashMap<>();
  private Map<String, Timing> startup;
  private Footprint footprint;

  Report(Workspace workspace) {
    this.workspace = workspace;
  }

  void caller(CallerCase which, Row row) {
    caller.put(which, row);
  }

  void throughput(String bus, String source, int publishers, int listeners, Row row) {
    throughput.put(bus + " " + source + " " + publishers + " " + listeners, row);
  }

  void startup(Map<String, Timing> timings) {
    startup = timings;
  }

  void footprint(Footprint measured) {
    footprint = measured;
  }

  String render() {
    StringBuilder out = new StringBuilder();
    out.append(String.format("Machine: %d CPUs, %s %s; JDK %s (%s); %s%n%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
        System.getProperty("os.arch"), System.getProperty("java.version"),
        System.getProperty("java.vm.name"), LocalDate.now()));
    if (!caller.isEmpty()) {
      renderCaller(out);
    }
    if (!throughput.isEmpty()) {
      renderThroughput(out);
    }
    if (startup != null) {
      out.append("| start-up (median of " + StartupBench.RUNS
          + ") | first line of main, ms | process exit, ms |\n|---|---:|---:|\n");
      startup.forEach((label, t) -> out.append(String.format("| %s | %.0f | %.0f |%n",
          label, t.firstLineMillis(), t.exitMillis())));
      check(out, "Herald adds <= 250 ms to the first line (trivial)",
          diff(startup.get("trivial, Herald"), startup.get("trivial, no agent")) <= 250,
          "%.0f ms", diff(startup.get("trivial, Herald"), startup.get("trivial, no agent")));
      if (startup.containsKey("demo, Herald")) {
        check(out, "Herald adds <= 250 ms to the first line (demo)",
            diff(startup.get("demo, Herald"), startup.get("demo, no agent")) <= 250,
            "%.0f ms", diff(startup.get("demo, Herald"), startup.get("demo, no agent")));
      }
      out.append('\n');
    }
    if (footprint != null) {
      long heap = footprint.heapWith() - footprint.heapWithout();
      int threads = footprint.threadsWith() - footprint.threadsWithout();
      out.append(String.format("| footprint | value |%n|---|---:|%n| heap after start-up, without / with agent |"
              + " %,d / %,d B |%n| heap the agent holds | %,d B |%n| threads added | %d (%s) |%n"
              + "| agent jar | %,d B |%n", footprint.heapWithout(), footprint.heapWith(), heap, threads,
          footprint.heraldThreads(), footprint.jarBytes()));
      check(out, "heap < 8 MB", heap < 8L << 20, "%,d B", heap);
      check(out, "threads <= bus.threads + 1 = 3", threads <= 3, "%d", threads);
      check(out, "jar < 6 MB", footprint.jarBytes() < 6L << 20, "%,d B", footprint.jarBytes());
    }
    return out.toString();
  }

  private void renderCaller(StringBuilder out) {
    out.append("| case | ns/op | ± | caller CPU ns/op | B/op (gc.alloc.rate.norm) | queue full | dropped | peak backlog |\n")
        .append("|---|---:|---:|---:|---:|---|---:|---:|\n");
    caller.forEach((which, row) -> out.append(String.format("| %s | %.1f | %.1f | %.1f | %.1f | %s | %s | %s |%n",
        which, row.score(), row.error(), cpuNanos(row), row.allocNorm(), total(row, "full"),
        total(row, "dropped"), stat(row, "peakBacklog"))));
    if (caller.size() == CallerCase.values().length) {
      double a = ns(CallerCase.NO_AGENT), b = ns(CallerCase.HERALD_IDLE), c = ns(CallerCase.HERALD_NOOP);
      double d = ns(CallerCase.HERALD_KEEP), e = ns(CallerCase.ABQ), f = ns(CallerCase.ASPECTJ_GUAVA);
      double h = ns(CallerCase.FLOOR);
      check(out, "(b) within 1 ns of (a)", b - a <= 1, "%+.2f ns", b - a);
      check(out, "(b) 0 B/op", caller.get(CallerCase.HERALD_IDLE).allocNorm() < 0.5, "%.1f B",
          caller.get(CallerCase.HERALD_IDLE).allocNorm());
      check(out, "(c) within 40 ns of (h)", c - h <= 40, "%+.1f ns", c - h);
      check(out, "(c) >= 2x faster than (e)", e / c >= 2, "%.1fx", e / c);
      check(out, "(c) >= 7x faster than (f)", f / c >= 7, "%.1fx", f / c);
      check(out, "(d) within 60 ns of (h)", d - h <= 60, "%+.1f ns", d - h);
      boolean noDrops = List.of(CallerCase.HERALD_NOOP, CallerCase.HERALD_KEEP).stream()
          .allMatch(k -> "0".equals(total(caller.get(k), "dropped")));
      check(out, "(c), (d) no drops", noDrops, "%s", noDrops ? "0" : "see table");
      double i = ns(CallerCase.HANDOFF);
      // not a target: what the hand-off alone costs here, so that a missed (c) tells Herald's own
      // work from what any agent with one bounded queue would pay on this machine
      out.append(String.format("- the hand-off alone, (i) - (h): %+.1f ns; Herald's own work beyond it, (c) - (i):"
          + " %+.1f ns%n", i - h, c - i));
    }
    out.append('\n');
  }

  private void renderThroughput(StringBuilder out) {
    out.append("| bus | events from | publishers | listeners | publisher ops/s (JMH, 2 events/op) | deliveries/s incl. drain (median) | queue full | dropped |\n")
        .append("|---|---|---:|---:|---:|---:|---:|---:|\n");
    throughput.forEach((key, row) -> {
      String[] k = key.split(" ");
      out.append(String.format("| %s | %s | %s | %s | %,.0f | %,d | %s | %s |%n", k[0],
          eventsFrom(k[1]), k[2], k[3], row.score(),
          deliveries(row), stat(row, "full"), stat(row, "dropped")));
    });
    for (String source : List.of("call", "bus")) {
      Row herald = throughput.get("herald " + source + " 1 1");
      Row guava = throughput.get("guava " + source + " 1 1");
      if (herald != null && guava != null) {
        String from = eventsFrom(source);
        check(out, "Herald 1->1 >= 10 M events/s, " + from, deliveries(herald) >= 10_000_000, "%,d/s",
            deliveries(herald));
        check(out, "Herald 1->1 >= 10x Guava, " + from, deliveries(herald) >= 10L * deliveries(guava),
            "%.1fx", (double) deliveries(herald) / deliveries(guava));
        if (source.equals("call") && caller.containsKey(CallerCase.FLOOR)) {
          // One publisher thread cannot make calls faster than the floor, whatever the bus: this is
          // the most any agent could deliver here, which tells a slow bus from an unreachable ratio.
          long ceiling = (long) (2e9 / ns(CallerCase.FLOOR));
          out.append(String.format("- ceiling through the call, 2 events per floor call (h) of this run:"
              + " %,d/s = %.1fx Guava%n", ceiling, (double) ceiling / deliveries(guava)));
        }
      }
    }
    out.append('\n');
  }

  /**
   * ns/op scaled by the median share of wall time the calling thread was on a CPU (measured
   * iterations only): what a call cost its thread, without the time the machine's other load kept
   * it descheduled. NaN if the fork did not report it.
   */
  private static double cpuNanos(Row row) {
    List<String> values = row.stats().getOrDefault("cpuShare", List.of());
    values = values.subList(Math.max(0, values.size() - row.measured()), values.size());
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] shares = values.stream().mapToDouble(Double::parseDouble).sorted().toArray();
    return row.score() * shares[shares.length / 2];
  }

  private double ns(CallerCase which) {
    return caller.get(which).score();
  }

  private static long deliveries(Row row) {
    List<String> values = row.stats().getOrDefault("deliveriesPerSecond", List.of());
    values = values.subList(Math.max(0, values.size() - row.measured()), values.size()); // no warm-up
    long[] sorted = values.stream().mapToLong(Long::parseLong).sorted().toArray();
    return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
  }

  private static String stat(Row row, String key) {
    List<String> values = row.stats().get(key);
    return values == null ? "-" : values.get(values.size() - 1);
  }

  /** How the throughput table names an events source ({@code -Dbench.source}). */
  private static String eventsFrom(String source) {
    return source.equals("call") ? "instrumented call" : "publish()";
  }

  /** The sum over forks of a per-trial count; the last value if it is not a number. */
  private static String total(Row row, String key) {
    List<String> values = row.stats().get(key);
    if (values == null) {
      return "-";
    }
    long sum = 0;
    for (String value : values) {
      try {
        sum += Long.parseLong(value);
      } catch (NumberFormatException e) {
        return values.get(values.size() - 1);
      }
    }
    return Long.toString(sum);
  }

  private static double diff(Timing with, Timing without) {
    return with.firstLineMillis() - without.firstLineMillis();
  }

  private static void check(StringBuilder out, String target, boolean met, String format, Object value) {
    out.append(String.format("- %s %s: " + format + "%n", met ? "MET " : "MISSED", target, value));
  }
}
