package dev.herald.it.reliability.plugins;

import dev.herald.api.PluginContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reading a probe plugin's settings and writing its report. Stateless. */
final class Probe {

  private Probe() {}

  /** {@code pattern}, or null when the plugin is not configured and must stay inert. */
  static String pattern(PluginContext context) {
    Object pattern = context.config().get("pattern");
    return pattern == null ? null : pattern.toString();
  }

  /** A whole-number setting, or {@code fallback}. */
  static long number(PluginContext context, String key, long fallback) {
    Object value = context.config().get(key);
    return value == null ? fallback : Long.parseLong(value.toString());
  }

  /** Where the report goes: {@code report}, resolved against the config file's folder. */
  static Path report(PluginContext context, String fallback) {
    Object file = context.config().getOrDefault("report", fallback);
    return context.baseDirectory().resolve(file.toString());
  }

  /** Writes {@code values} as {@code key=value} lines, replacing the file. */
  static void write(Path report, Map<String, ?> values) throws IOException {
    StringBuilder text = new StringBuilder();
    values.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    Files.writeString(report, text, StandardCharsets.UTF_8);
  }
}
