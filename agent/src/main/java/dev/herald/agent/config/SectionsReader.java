package dev.herald.agent.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads the small sections: {@code bus}, {@code context} and {@code log}. */
final class SectionsReader {

  static final List<String> BUS_KEYS =
      List.of("queue-capacity", "overflow", "block-timeout", "threads", "shutdown-timeout");
  static final List<String> CONTEXT_KEYS = List.of("mdc");
  static final List<String> MDC_KEYS = List.of("actor", "user-id", "trace-id");
  static final List<String> LOG_KEYS = List.of("level", "format", "file");
  static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug", "trace");
  static final List<String> LOG_FORMATS = List.of("text", "json");

  private final Values values;
  private final Problems problems;

  SectionsReader(Values values) {
    this.values = values;
    this.problems = values.problems();
  }

  BusSettings bus(Node node) {
    BusSettings d = BusSettings.DEFAULTS;
    YamlMapping map = YamlMapping.read(node, "bus", "a mapping of bus settings", BUS_KEYS, problems);
    // Plain code rather than Optional chains: each lambda costs a class spun before main. Each
    // read returns null after reporting a problem, and the default stands in, as before.
    Node n = map.get("queue-capacity");
    Integer capacity = n == null ? null : values.integer(n, "bus.queue-capacity",
        BusSettings.MIN_QUEUE_CAPACITY, BusSettings.MAX_QUEUE_CAPACITY);
    n = map.get("overflow");
    String overflow = n == null ? null
        : values.choice(n, "bus.overflow", BusSettings.OVERFLOW_POLICIES);
    n = map.get("block-timeout");
    Duration blockTimeout = n == null ? null : values.duration(n, "bus.block-timeout", false);
    n = map.get("threads");
    Integer threads = n == null ? null
        : values.integer(n, "bus.threads", 1, BusSettings.MAX_THREADS);
    n = map.get("shutdown-timeout");
    Duration shutdownTimeout = n == null ? null
        : values.duration(n, "bus.shutdown-timeout", false);
    return new BusSettings(ConfigReader.orElse(capacity, d.queueCapacity()),
        ConfigReader.orElse(overflow, d.overflow()),
        ConfigReader.orElse(blockTimeout, d.blockTimeout()),
        ConfigReader.orElse(threads, d.threads()),
        ConfigReader.orElse(shutdownTimeout, d.shutdownTimeout()));
  }

  ContextSettings context(Node node) {
    YamlMapping map = YamlMapping.read(node, "context", "a mapping with 'mdc'", CONTEXT_KEYS,
        problems);
    Node n = map.get("mdc");
    if (n == null) {
      return ContextSettings.NONE;
    }
    YamlMapping mdc = YamlMapping.read(n, "context.mdc",
        "a mapping of MDC keys ({ actor: actor, user-id: userId, trace-id: traceId })",
        MDC_KEYS, problems);
    return new ContextSettings(mdcKey(mdc, "actor"), mdcKey(mdc, "user-id"),
        mdcKey(mdc, "trace-id"));
  }

  private String mdcKey(YamlMapping mdc, String key) {
    Node n = mdc.get(key);
    return n == null ? null : values.string(n, "context.mdc." + key, "the name of an MDC key");
  }

  LogSettings log(Node node, Path configDir) {
    YamlMapping map = YamlMapping.read(node, "log", "a mapping with 'level', 'format' and 'file'",
        LOG_KEYS, problems);
    Node n = map.get("level");
    String level = n == null ? null : values.choice(n, "log.level", LOG_LEVELS);
    n = map.get("format");
    String format = n == null ? null : values.choice(n, "log.format", LOG_FORMATS);
    n = map.get("file");
    Path file = n == null ? null : path(n, "log.file", configDir);
    return new LogSettings(level, format, file);
  }

  /**
   * A path relative to the config file's folder, made absolute; null after reporting a problem.
   */
  Path path(Node node, String where, Path configDir) {
    Values.Text text = values.text(node, where, "a path");
    if (text == null) {
      return null;
    }
    if (text.isEmpty()) {
      problems.at(node, where + ": expected a path, " + text.found());
      return null;
    }
    try {
      return configDir.resolve(text.value()).normalize();
    } catch (InvalidPathException e) {
      problems.at(node, where + ": expected a path, " + text.found()
          + (text.substituted() ? "" : " (" + e.getReason() + ")"));
      return null;
    }
  }
}
