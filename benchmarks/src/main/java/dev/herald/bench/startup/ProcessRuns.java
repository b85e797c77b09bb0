package dev.herald.bench.startup;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Times whole processes: from {@link ProcessBuilder#start()} to the first standard-output line
 * that contains a marker (the first line of {@code main}), and to exit. Standard error goes to a
 * file in the working folder, so an agent's log lines neither block the child nor count as output.
 */
public final class ProcessRuns {

  /** Medians over the runs, in milliseconds. */
  public record Timing(double firstLineMillis, double exitMillis) {}

  private ProcessRuns() {}

  /** One process to time: its command, working folder and the marker of its first line. */
  public record Case(List<String> command, File dir, String marker) {}

  /**
   * Runs each case {@code runs} times, in rounds (each case once per round, in turn), after one
   * untimed run of each that warms the disk cache; returns their medians in the order given. In
   * rounds, not one case after the other: on a shared machine the load drifts over the minute a
   * case's runs take, and a drift would otherwise land on one case only and pass for its cost.
   */
  public static List<Timing> interleaved(List<Case> cases, int runs)
      throws IOException, InterruptedException {
    for (Case c : cases) {
      once(c.command(), c.dir(), c.marker());
    }
    double[][] first = new double[cases.size()][runs];
    double[][] exit = new double[cases.size()][runs];
    for (int round = 0; round < runs; round++) {
      for (int i = 0; i < cases.size(); i++) {
        Case c = cases.get(i);
        double[] one = once(c.command(), c.dir(), c.marker());
        first[i][round] = one[0];
        exit[i][round] = one[1];
      }
    }
    List<Timing> timings = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      timings.add(new Timing(median(first[i]), median(exit[i])));
    }
    return timings;
  }

  /** Runs once; returns {first line ms, exit ms}. Fails if the marker never shows. */
  static double[] once(List<String> command, File dir, String marker)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir)
        .redirectError(new File(dir, "stderr-last.txt"));
    long start = System.nanoTime();
    Process process = builder.start();
    double firstLine = Double.NaN;
    List<String> seen = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (Double.isNaN(firstLine) && line.contains(marker)) {
          firstLine = (System.nanoTime() - start) / 1e6;
        }
        if (seen.size() < 20) {
          seen.add(line);
        }
      }
    }
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("timed out: " + command);
    }
    double exit = (System.nanoTime() - start) / 1e6;
    if (Double.isNaN(firstLine)) {
      throw new IOException("no line with '" + marker + "' from " + command + "; got " + seen);
    }
    return new double[] {firstLine, exit};
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
