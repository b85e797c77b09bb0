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

  /** Runs {@code command} {@code runs} times in {@code dir}; one untimed run first warms the disk cache. */
  public static Timing time(List<String> command, File dir, String marker, int runs)
      throws IOException, InterruptedException {
    once(command, dir, marker);
    double[] first = new double[runs];
    double[] exit = new double[runs];
    for (int i = 0; i < runs; i++) {
      double[] one = once(command, dir, marker);
      first[i] = one[0];
      exit[i] = one[1];
    }
    return new Timing(median(first), median(exit));
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
