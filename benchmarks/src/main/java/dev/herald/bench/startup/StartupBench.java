package dev.herald.bench.startup;

import dev.herald.bench.Workspace;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark 3: wall time from process start to the first line of {@code main}, and to exit, as the
 * median of {@link #RUNS} runs each: the trivial main ({@link TrivialMain}) and the demo shop (with
 * {@code -Dshop.pace=0}), without an agent, with Herald and its config, and with AspectJ weaving the
 * same classes. The three cases of one application run in rounds ({@link ProcessRuns#interleaved}).
 */
public final class StartupBench {

  public static final int RUNS = Integer.getInteger("bench.startup.runs", 7);

  private final Workspace workspace;
  private final String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";

  public StartupBench(Workspace workspace) {
    this.workspace = workspace;
  }

  /** Case label to its timing, in the order run. */
  public Map<String, ProcessRuns.Timing> run() throws IOException, InterruptedException {
    Map<String, ProcessRuns.Timing> timings = new LinkedHashMap<>();
    String jar = workspace.jar().toString();
    String main = TrivialMain.class.getName();
    File work = workspace.workDir();
    Map<String, ProcessRuns.Case> trivial = new LinkedHashMap<>();
    trivial.put("trivial, no agent", process(work, TrivialMain.FIRST_LINE, "-cp", jar, main));
    trivial.put("trivial, Herald", process(work, TrivialMain.FIRST_LINE, workspace.heraldFlag(), "-cp", jar, main));
    trivial.put("trivial, AspectJ", process(work, TrivialMain.FIRST_LINE, workspace.aspectjFlag(), "-cp", jar, main));
    time(trivial, timings);
    File demo = workspace.demo().toFile();
    if (!Files.isRegularFile(workspace.demo().resolve("shop.jar"))) {
      System.err.println("startup: no demo at " + demo + "; build examples first");
      return timings;
    }
    String shop = "shop.jar";
    String herald = "-javaagent:" + workspace.heraldAgent() + "=" + new File(demo, "herald.yaml");
    Map<String, ProcessRuns.Case> shopCases = new LinkedHashMap<>();
    shopCases.put("demo, no agent", process(demo, "==", "-Dshop.pace=0", "-jar", shop));
    shopCases.put("demo, Herald", process(demo, "==", herald, "-Dshop.pace=0", "-jar", shop));
    // the aspect and META-INF/aop.xml come from the benchmarks jar; shop.jar's Class-Path still applies
    shopCases.put("demo, AspectJ", process(demo, "==", workspace.aspectjFlag(), "-Dshop.pace=0",
        "-cp", shop + File.pathSeparator + jar, "com.acme.shop.ShopApp"));
    time(shopCases, timings);
    return timings;
  }

  /** Times {@code cases} side by side, in rounds, and adds them to {@code timings}. */
  private void time(Map<String, ProcessRuns.Case> cases, Map<String, ProcessRuns.Timing> timings)
      throws IOException, InterruptedException {
    List<String> labels = new ArrayList<>(cases.keySet());
    List<ProcessRuns.Case> each = new ArrayList<>(cases.values());
    List<ProcessRuns.Timing> medians = ProcessRuns.interleaved(each, RUNS);
    for (int i = 0; i < labels.size(); i++) {
      ProcessRuns.Timing timing = medians.get(i);
      List<String> command = each.get(i).command();
      String args = String.join(" ", command.subList(2, command.size())); // after java -Xshare:auto
      System.out.printf("startup %-40s first line %7.1f ms, exit %7.1f ms%n",
          args.replace(workspace.jar().toString(), "benchmarks.jar"),
          timing.firstLineMillis(), timing.exitMillis());
      timings.put(labels.get(i), timing);
    }
  }

  private ProcessRuns.Case process(File dir, String marker, String... args) {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xshare:auto");
    command.addAll(List.of(args));
    return new ProcessRuns.Case(command, dir, marker);
  }
}
