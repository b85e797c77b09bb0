package dev.herald.bench;

import dev.herald.bench.caller.CallerCase;
import dev.herald.bench.startup.FootprintBench;
import dev.herald.bench.startup.StartupBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs Herald's benchmarks side by side, in one run, and prints one report (also written to
 * {@code <buildDir>/bench-work/results.md}):
 *
 * <ol>
 *   <li>{@code caller}: caller cost per instrumented write, eight cases ({@link CallerCase}), in
 *       {@code -Dbench.rounds} rounds (default 3) of one run per case each, merged per case;
 *   <li>{@code throughput}: deliveries per second, 1 and 2 publishers to 1 and 4 listeners,
 *       Herald and Guava, events from an instrumented call and straight from {@code publish};
 *   <li>{@code startup}: wall time to the first line of main, no agent, Herald, AspectJ;
 *   <li>{@code footprint}: heap and threads the agent holds, its jar's size.
 * </ol>
 *
 * <p>Usage: {@code java -jar benchmarks.jar [caller] [throughput] [startup] [footprint] [JMH
 * options]}; no group names means all four. JMH options such as {@code -wi 5 -i 10 -prof stack}
 * apply to every JMH run.
 */
public final class BenchmarkMain {

  private static final List<String> GROUPS = List.of("caller", "throughput", "startup", "footprint");

  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    Set<String> groups = new LinkedHashSet<>();
    List<String> jmhArgs = new ArrayList<>();
    for (String arg : args) {
      (GROUPS.contains(arg) ? groups : jmhArgs).add(arg);
    }
    if (groups.isEmpty()) {
      groups.addAll(GROUPS);
    }
    Workspace workspace = Workspace.locate();
    JmhRuns jmh = new JmhRuns(new CommandLineOptions(jmhArgs.toArray(String[]::new)), workspace.work());
    Report report = new Report(workspace);
    if (groups.contains("caller")) {
      // Rounds of every case in turn, not every fork of one case after another: a shared machine's
      // load comes in spells of minutes, and a side-by-side is only fair if each case sees them all.
      int rounds = Math.max(1, Integer.getInteger("bench.rounds", 3));
      Map<CallerCase, List<JmhRuns.Row>> runs = new EnumMap<>(CallerCase.class);
      for (int round = 1; round <= rounds; round++) {
        for (CallerCase which : CallerCase.selected()) {
          List<String> flags = new ArrayList<>();
          if (which.herald()) {
            flags.add(workspace.heraldFlag());
          } else if (which == CallerCase.ASPECTJ_GUAVA) {
            flags.add(workspace.aspectjFlag());
          }
          flags.add("-Dbench.case=" + which.name());
          System.out.printf("%n## caller, round %d of %d%n", round, rounds);
          runs.computeIfAbsent(which, k -> new ArrayList<>()).add(jmh.run(which.name(),
              "dev.herald.bench.caller.CallerCost.write", 1, flags.toArray(String[]::new)));
        }
      }
      runs.forEach((which, rows) -> report.caller(which, JmhRuns.merge(rows)));
    }
    if (groups.contains("throughput")) {
      for (String source : List.of("call", "bus")) {
        for (String bus : List.of("herald", "guava")) {
          for (int publishers : new int[] {1, 2}) {
            for (int listeners : new int[] {1, 4}) {
              String label = bus + " " + source + " " + publishers + "p->" + listeners + "l";
              String agent = bus.equals("herald") ? workspace.heraldFlag() : "-Dbench.noagent=true";
              report.throughput(bus, source, publishers, listeners, jmh.run(label,
                  "dev.herald.bench.throughput.Throughput.publish", publishers, agent,
                  "-Dbench.bus=" + bus, "-Dbench.source=" + source, "-Dbench.listeners=" + listeners));
            }
          }
        }
      }
    }
    if (groups.contains("startup")) {
      report.startup(new StartupBench(workspace).run());
    }
    if (groups.contains("footprint")) {
      report.footprint(new FootprintBench(workspace).run());
    }
    String text = report.render();
    Path out = workspace.work().resolve("results.md");
    Files.writeString(out, text);
    System.out.println("\n" + text + "\n(written to " + out + ")");
  }
}
