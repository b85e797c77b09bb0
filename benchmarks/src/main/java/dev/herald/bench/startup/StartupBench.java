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
 * same classes.
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
    timings.put("trivial, no agent", time(work, TrivialMain.FIRST_LINE, "-cp", jar, main));
    timings.put("trivial, Herald", time(work, TrivialMain.FIRST_LINE, workspace.heraldFlag(), "-cp", jar, main));
    timings.put("trivial, AspectJ", time(work, TrivialMain.FIRST_LINE, workspace.aspectjFlag(), "-cp", jar, main));
    File demo = workspace.demo().toFile();
    if (!Files.isRegularFile(workspace.demo().resolve("shop.jar"))) {
      System.err.println("startup: no demo at " + demo + "; build examples first");
      return timings;
    }
    String shop = "shop.jar";
    String herald = "-javaagent:" + workspace.heraldAgent() + "=" + new File(demo, "herald.yaml");
    timings.put("demo, no agent", time(demo, "==", "-Dshop.pace=0", "-jar", shop));
    timings.put("demo, Herald", time(demo, "==", herald, "-Dshop.pace=0", "-jar", shop));
    // the aspect and META-INF/aop.xml come from the benchmarks jar; shop.jar's Class-Path still applies
    timings.put("demo, AspectJ", time(demo, "==", workspace.aspectjFlag(), "-Dshop.pace=0",
        "-cp", shop + File.pathSeparator + jar, "com.acme.shop.ShopApp"));
    return timings;
  }

  private ProcessRuns.Timing time(File dir, String marker, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xshare:auto");
    command.addAll(List.of(args));
    ProcessRuns.Timing timing = ProcessRuns.time(command, dir, marker, RUNS);
    System.out.printf("startup %-40s first line %7.1f ms, exit %7.1f ms%n",
        String.join(" ", args).replace(workspace.jar().toString(), "benchmarks.jar"),
        timing.firstLineMillis(), timing.exitMillis());
    return timing;
  }
}
