package dev.herald.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Runs one JMH benchmark method in a fork of its own per case, each with its own JVM flags (the
 * agent it needs, {@code -D} properties), always with the GC profiler, and gathers score, {@code
 * gc.alloc.rate.norm} and the side figures the fork wrote through {@link Stats}.
 *
 * <p>Short runs by default for a shared 2-core machine (1 fork, 3 warm-up and 5 measured iterations
 * of 1 s); JMH options on the command line ({@code -f -wi -i -w -r -prof}) override them.
 */
final class JmhRuns {

  /**
   * One measured case: JMH's score with its error, bytes allocated per op, the side figures (a
   * per-iteration figure holds the {@code measured} iterations' values only, warm-up dropped) and
   * the measured iterations' scores ({@code samples}), from which rows of several runs are merged.
   */
  record Row(String label, double score, double error, String unit, double allocNorm,
      Map<String, List<String>> stats, int measured, List<Double> samples) {}

  // G1 with a fixed, pre-touched heap: the conditions the reference figures were taken in
  static final String[] HEAP = {"-XX:+UseG1GC", "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"};

  private final CommandLineOptions cli;
  private final Path work;

  JmhRuns(CommandLineOptions cli, Path work) {
    this.cli = cli;
    this.work = work;
  }

  Row run(String label, String benchmark, int threads, String... jvmArgs)
      throws RunnerException, IOException {
    Path statsFile = work.resolve("stats-" + label.replaceAll("[^A-Za-z0-9]+", "_") + ".txt");
    Files.deleteIfExists(statsFile);
    List<String> flags = new ArrayList<>(List.of(HEAP));
    flags.addAll(List.of(jvmArgs));
    flags.add("-Dbench.stats=" + statsFile);
    ChainedOptionsBuilder options = new OptionsBuilder().parent(cli)
        .include("^" + benchmark.replace(".", "\\.") + "$")
        .threads(threads)
        .jvmArgsAppend(flags.toArray(String[]::new))
        .addProfiler(GCProfiler.class);
    if (!cli.getForkCount().hasValue()) {
      options.forks(1);
    }
    if (!cli.getWarmupIterations().hasValue()) {
      options.warmupIterations(3);
    }
    if (!cli.getMeasurementIterations().hasValue()) {
      options.measurementIterations(5);
    }
    if (!cli.getWarmupTime().hasValue()) {
      options.warmupTime(TimeValue.seconds(1));
    }
    if (!cli.getMeasurementTime().hasValue()) {
      options.measurementTime(TimeValue.seconds(1));
    }
    System.out.println("\n### " + label + "  " + String.join(" ", jvmArgs));
    Options built = options.build();
    RunResult result = new Runner(built).runSingle();
    Result<?> primary = result.getPrimaryResult();
    Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
    List<Double> samples = new ArrayList<>();
    for (BenchmarkResult fork : result.getBenchmarkResults()) {
      for (IterationResult iteration : fork.getIterationResults()) {
        samples.add(iteration.getPrimaryResult().getScore());
      }
    }
    int forks = built.getForkCount().orElse(1);
    int warmups = built.getWarmupIterations().orElse(3);
    int measured = built.getMeasurementIterations().orElse(5);
    return new Row(label, primary.getScore(), primary.getScoreError(), primary.getScoreUnit(),
        alloc == null ? Double.NaN : alloc.getScore(),
        withoutWarmup(readStats(statsFile), forks, warmups, measured), forks * measured, samples);
  }

  /**
   * One row for several runs of the same case, e.g. rounds that interleave the cases so that each
   * sees the same spells of a shared machine's load: score and error over every measured iteration,
   * allocation averaged, side figures in run order.
   */
  static Row merge(List<Row> runs) {
    if (runs.size() == 1) {
      return runs.get(0);
    }
    ListStatistics scores = new ListStatistics();
    List<Double> samples = new ArrayList<>();
    double alloc = 0;
    int measured = 0;
    Map<String, List<String>> stats = new LinkedHashMap<>();
    for (Row run : runs) {
      run.samples().forEach(scores::addValue);
      samples.addAll(run.samples());
      alloc += run.allocNorm() / runs.size();
      measured += run.measured();
      run.stats().forEach((key, values) -> stats.computeIfAbsent(key, k -> new ArrayList<>()).addAll(values));
    }
    Row first = runs.get(0);
    return new Row(first.label(), scores.getMean(), scores.getMeanErrorAt(0.999), first.unit(), alloc,
        stats, measured, samples);
  }

  /**
   * Drops the warm-up iterations' values of per-iteration figures: those with one value per
   * iteration of every fork, in fork order; per-trial figures (one per fork) are kept as they are.
   */
  static Map<String, List<String>> withoutWarmup(Map<String, List<String>> stats, int forks,
      int warmups, int measured) {
    int perFork = warmups + measured;
    Map<String, List<String>> trimmed = new LinkedHashMap<>();
    stats.forEach((key, values) -> {
      if (warmups == 0 || values.size() != forks * perFork) {
        trimmed.put(key, values);
        return;
      }
      List<String> kept = new ArrayList<>();
      for (int fork = 0; fork < forks; fork++) {
        kept.addAll(values.subList(fork * perFork + warmups, (fork + 1) * perFork));
      }
      trimmed.put(key, kept);
    });
    return trimmed;
  }

  static Map<String, List<String>> readStats(Path file) throws IOException {
    Map<String, List<String>> stats = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return stats;
    }
    for (String line : Files.readAllLines(file)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        stats.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
      }
    }
    return stats;
  }

}
