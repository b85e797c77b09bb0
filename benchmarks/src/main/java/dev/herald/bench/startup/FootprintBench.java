package dev.herald.bench.startup;

import dev.herald.bench.Workspace;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark 4: runs {@link FootprintMain} without and with the agent ({@link #RUNS} times each,
 * medians) and reports the heap the agent holds after start-up, the threads it adds, and the agent
 * jar's size.
 */
public final class FootprintBench {

  static final int RUNS = 3;

  /** Heap in bytes without and with the agent, live threads without and with, herald-* names, jar bytes. */
  public record Footprint(long heapWithout, long heapWith, int threadsWithout, int threadsWith,
      String heraldThreads, long jarBytes) {}

  private final Workspace workspace;

  public FootprintBench(Workspace workspace) {
    this.workspace = workspace;
  }

  public Footprint run() throws IOException, InterruptedException {
    String[] without = probe(false);
    String[] with = probe(true);
    Footprint footprint = new Footprint(Long.parseLong(without[0]), Long.parseLong(with[0]),
        Integer.parseInt(without[1]), Integer.parseInt(with[1]), with[2],
        Files.size(workspace.heraldAgent()));
    System.out.println("footprint " + footprint);
    return footprint;
  }

  /** {heap median, threads median, herald thread names} over the runs. */
  private String[] probe(boolean agent) throws IOException, InterruptedException {
    double[] heap = new double[RUNS];
    double[] threads = new double[RUNS];
    String names = "";
    for (int i = 0; i < RUNS; i++) {
      List<String> command = new ArrayList<>(List.of(
          System.getProperty("java.home") + "/bin/java", "-XX:+UseG1GC", "-Xms256m", "-Xmx256m"));
      if (agent) {
        command.add(workspace.heraldFlag());
      }
      command.addAll(List.of("-cp", workspace.jar().toString(), FootprintMain.class.getName()));
      String line = lastLine(command);
      heap[i] = Long.parseLong(field(line, "heap"));
      threads[i] = Integer.parseInt(field(line, "threads"));
      names = field(line, "herald");
    }
    return new String[] {
        String.valueOf((long) ProcessRuns.median(heap)), String.valueOf((int) ProcessRuns.median(threads)), names};
  }

  private String lastLine(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(workspace.workDir())
        .redirectError(new File(workspace.workDir(), "stderr-footprint.txt")).start();
    String last = null;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("heap=")) {
          last = line;
        }
      }
    }
    process.waitFor();
    if (last == null) {
      throw new IOException("footprint probe printed nothing: " + command);
    }
    return last;
  }

  private static String field(String line, String key) {
    for (String part : line.split(" ")) {
      if (part.startsWith(key + "=")) {
        return part.substring(key.length() + 1);
      }
    }
    return "";
  }
}
