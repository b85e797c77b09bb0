package dev.herald.agent.cli;

import dev.herald.agent.cli.CheckReport.EntryReport;
import dev.herald.agent.cli.CheckReport.Finding;
import dev.herald.agent.config.ConfigException;
import dev.herald.agent.config.ConfigLoader;
import dev.herald.agent.config.HeraldConfig;
import dev.herald.api.HeraldPlugin;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * {@code check}: validates a config with the agent's own loader, then lists what each services
 * entry instruments and emits on the given class path, and what looks wrong. Exit status 0 when
 * clean (or warnings only), 1 with warnings under {@code --strict}, 2 on errors.
 */
final class CheckCommand {

  private CheckCommand() {}

  static int run(CheckOptions options, Path workingDir, Function<String, String> env, PrintStream out) {
    CheckReport report = report(options, workingDir, env);
    int status = report.status(options.strict());
    if (options.json()) {
      out.println(JsonReport.write(report, status));
    } else {
      TextReport.write(report, out);
    }
    return status;
  }

  /**
   * Why the agent could not write its log to {@code file}, or null if it could: judged without
   * creating anything, from the nearest folder on its path that exists.
   */
  static String logFileProblem(Path file) {
    Path absolute = file.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return "is a folder";
    }
    if (Files.exists(absolute)) {
      return Files.isWritable(absolute) ? null : "is not writable";
    }
    Path existing = absolute.getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return null;
    }
    if (!Files.isDirectory(existing)) {
      return existing + " is a file, not a folder";
    }
    return Files.isWritable(existing) ? null : "cannot be created: " + existing + " is not writable";
  }

  static CheckReport report(CheckOptions options, Path workingDir, Function<String, String> env) {
    List<Finding> findings = new ArrayList<>();
    HeraldConfig config;
    try {
      config = ConfigLoader.load(workingDir.resolve(options.config()), env);
    } catch (ConfigException e) {
      e.problems().forEach(problem -> findings.add(
          Finding.error("config", problem.line(), problem.column(), problem.toString())));
      return new CheckReport(options.config(), false, 0, List.of(), List.of(), findings);
    }
    List<EntryReport> services = new ArrayList<>();
    int scanned = 0;
    boolean classpathGiven = options.classpath() != null && !options.classpath().isBlank();
    if (options.classpath() != null && !classpathGiven) {
      // most often "--classpath $CP" with CP unset: every entry would read as matching nothing
      findings.add(Finding.error("classpath", "--classpath is empty (an unset variable?); give the"
          + " application's class path, or leave --classpath out to check the config and plugins only"));
    }
    if (!classpathGiven) {
      config.services().forEach(entry -> services.add(new EntryReport(entry, 0, List.of())));
    } else {
      try (AppClasspath classpath = AppClasspath.open(options.classpath(), workingDir)) {
        classpath.missing().forEach(element -> findings.add(Finding.error("classpath",
            "class path element " + element + " does not exist" + (element.indexOf('*') >= 0
                && !element.endsWith("*") ? " (a folder's jars are written 'lib/*', as for java -cp)" : ""))));
        var classes = classpath.classes();
        scanned = classes.size();
        ServicePlan plan = new ServicePlan(config.services(), classpath);
        services.addAll(plan.build(classes.keySet(), options.maxMatches()));
        findings.addAll(plan.findings());
      } catch (IOException | RuntimeException e) {
        findings.add(Finding.error("classpath", "cannot read the class path: " + e));
      }
    }
    String logProblem = config.log().file() == null ? null : logFileProblem(config.log().file());
    if (logProblem != null) {
      findings.add(Finding.warning("log-file", -1, "log.file " + config.log().file() + ": " + logProblem
          + "; the agent would log to standard error instead (as seen from this machine)"));
    }
    PluginProbe plugins = PluginProbe.run(config.plugins(), HeraldPlugin.class.getClassLoader());
    findings.addAll(plugins.findings());
    findings.sort(Comparator.comparing((Finding f) -> !f.isError()));
    return new CheckReport(options.config(), classpathGiven, scanned, services,
        plugins.reports(), findings);
  }
}
