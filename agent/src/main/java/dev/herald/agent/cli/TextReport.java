package dev.herald.agent.cli;

import dev.herald.agent.cli.CheckReport.EntryReport;
import dev.herald.agent.cli.CheckReport.Finding;
import dev.herald.agent.cli.CheckReport.MethodReport;
import dev.herald.agent.cli.CheckReport.PluginReport;
import dev.herald.agent.cli.CheckReport.TypeReport;
import dev.herald.agent.config.ServiceEntry;
import java.io.PrintStream;

/** Writes a {@link CheckReport} for a person: one block per services entry, then plugins, then findings. */
final class TextReport {

  private TextReport() {}

  static void write(CheckReport report, PrintStream out) {
    String entries = report.services().size() + (report.services().size() == 1 ? " service entry" : " service entries");
    // errors with entries read: the file parsed, but the class path or a plugin's settings are wrong
    out.println(report.config() + ": " + (report.errors() == 0 ? "config is valid, " + entries
        : report.services().isEmpty() ? "config has errors" : "config read, " + entries + ", with errors (below)"));
    if (!report.classpathChecked() && !report.services().isEmpty()) {
      out.println("  (no --classpath: classes and methods were not checked)");
    } else if (report.classpathChecked()) {
      out.println("  " + report.classesScanned() + " classes on the class path");
    }
    for (EntryReport entry : report.services()) {
      writeEntry(entry, report.classpathChecked(), out);
    }
    if (!report.plugins().isEmpty()) {
      out.println();
      out.println("plugins:");
      for (PluginReport plugin : report.plugins()) {
        out.println("  " + plugin.jar() + (plugin.names().isEmpty() ? "" : ": " + String.join(", ", plugin.names()))
            + (plugin.problem() == null ? "" : "  [" + plugin.problem() + "]"));
      }
    }
    out.println();
    for (Finding finding : report.findings()) {
      out.println((finding.isError() ? "ERROR " : "WARN  ") + finding.message());
    }
    out.println(report.errors() + " error(s), " + report.warnings() + " warning(s)");
  }

  private static void writeEntry(EntryReport report, boolean classpathChecked, PrintStream out) {
    ServiceEntry entry = report.entry();
    out.println();
    out.println(ServicePlan.label(entry) + " -> entity " + entry.entity()
        + (entry.enabled() ? "" : "  (enabled: false: instrumented, emits nothing)"));
    if (!classpathChecked) {
      return;
    }
    if (report.types().isEmpty()) {
      out.println("  (nothing)");
    }
    int silent = 0;
    for (TypeReport type : report.types()) {
      // a wide glob ties many types without write methods: list only those that emit, unless none does
      if (type.methods().isEmpty() && (report.methodCount() > 0 || silent >= 5)) {
        silent++;
        continue;
      }
      silent += type.methods().isEmpty() ? 1 : 0;
      out.println("  " + type.kind() + " " + type.name()
          + (type.name().equals(type.configuredAs()) ? "" : " (as " + type.configuredAs() + ")")
          + (type.methods().isEmpty() ? ": no write methods" : ""));
      for (MethodReport method : type.methods()) {
        String origin = method.declaredIn().equals(type.name()) ? "" : "  (from " + method.declaredIn() + ")";
        out.println("    " + method.signature() + " -> " + type.entity() + ".{before,after,failed}."
            + method.operation() + origin);
      }
    }
    long quiet = report.types().stream().filter(type -> type.methods().isEmpty()).count();
    if (quiet > 0 && report.methodCount() > 0 || quiet > 5) {
      out.println("  (" + quiet + " type(s) without write methods in all; see --json)");
    }
  }
}
