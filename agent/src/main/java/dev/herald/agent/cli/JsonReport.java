package dev.herald.agent.cli;

import dev.herald.agent.cli.CheckReport.EntryReport;
import dev.herald.agent.cli.CheckReport.Finding;
import dev.herald.agent.cli.CheckReport.MethodReport;
import dev.herald.agent.cli.CheckReport.PluginReport;
import dev.herald.agent.cli.CheckReport.TypeReport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes a {@link CheckReport} as one JSON object, for tools. The shape is documented in
 * {@code docs/operations.md}; fields are only ever added.
 */
final class JsonReport {

  private JsonReport() {}

  static String write(CheckReport report, int status) {
    StringBuilder json = new StringBuilder(4096).append('{');
    field(json, "config", report.config()).append(',');
    json.append("\"status\":").append(status).append(',');
    json.append("\"errors\":").append(report.errors()).append(',');
    json.append("\"warnings\":").append(report.warnings()).append(',');
    json.append("\"classpathChecked\":").append(report.classpathChecked()).append(',');
    json.append("\"classesScanned\":").append(report.classesScanned()).append(',');
    array(json, "services", report.services(), JsonReport::entry).append(',');
    array(json, "plugins", report.plugins(), JsonReport::plugin).append(',');
    Map<Integer, Integer> entryLines = new HashMap<>();
    report.services().forEach(service -> entryLines.put(service.entry().index(), service.entry().line()));
    array(json, "findings", report.findings(), finding -> finding(finding, entryLines));
    return json.append('}').toString();
  }

  private static String entry(EntryReport report) {
    StringBuilder json = new StringBuilder("{\"index\":").append(report.entry().index());
    json.append(",\"line\":").append(report.entry().line()).append(',');
    field(json, "class", report.entry().classPattern()).append(',');
    field(json, "entity", report.entry().entity()).append(',');
    json.append("\"enabled\":").append(report.entry().enabled());
    json.append(",\"namedClasses\":").append(report.namedClasses()).append(',');
    return array(json, "types", report.types(), JsonReport::type).append('}').toString();
  }

  private static String type(TypeReport type) {
    StringBuilder json = new StringBuilder("{");
    field(json, "name", type.name()).append(',');
    field(json, "kind", type.kind()).append(',');
    field(json, "configuredAs", type.configuredAs()).append(',');
    field(json, "entity", type.entity()).append(',');
    return array(json, "methods", type.methods(), JsonReport::method).append('}').toString();
  }

  private static String method(MethodReport method) {
    StringBuilder json = new StringBuilder("{");
    field(json, "signature", method.signature()).append(',');
    field(json, "declaredIn", method.declaredIn()).append(',');
    field(json, "operation", method.operation()).append(',');
    return array(json, "events", method.events(), JsonReport::string).append('}').toString();
  }

  private static String plugin(PluginReport plugin) {
    StringBuilder json = new StringBuilder("{");
    field(json, "jar", plugin.jar()).append(',');
    array(json, "names", plugin.names(), JsonReport::string).append(',');
    return field(json, "problem", plugin.problem()).append('}').toString();
  }

  private static String finding(Finding finding, Map<Integer, Integer> entryLines) {
    StringBuilder json = new StringBuilder("{");
    field(json, "severity", finding.isError() ? "error" : "warning").append(',');
    field(json, "code", finding.code()).append(',');
    json.append("\"entry\":").append(finding.entry()).append(',');
    int line = finding.line() > 0 ? finding.line() : entryLines.getOrDefault(finding.entry(), 0);
    json.append("\"line\":").append(line).append(',');
    json.append("\"column\":").append(finding.column()).append(',');
    return field(json, "message", finding.message()).append('}').toString();
  }

  private static <T> StringBuilder array(StringBuilder json, String name, List<T> items, Function<T, String> each) {
    json.append('"').append(name).append("\":[");
    for (int i = 0; i < items.size(); i++) {
      json.append(i == 0 ? "" : ",").append(each.apply(items.get(i)));
    }
    return json.append(']');
  }

  private static StringBuilder field(StringBuilder json, String name, String value) {
    return json.append('"').append(name).append("\":").append(string(value));
  }

  static String string(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder text = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> text.append("\\\"");
        case '\\' -> text.append("\\\\");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        case '\t' -> text.append("\\t");
        default -> {
          if (c < 0x20) {
            text.append(String.format("\\u%04x", (int) c));
          } else {
            text.append(c);
          }
        }
      }
    }
    return text.append('"').toString();
  }
}
