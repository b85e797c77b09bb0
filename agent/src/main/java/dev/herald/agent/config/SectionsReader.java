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
  static final List<String> LOG_KEYS = List.of("level", "file");
  static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug", "trace");

  private final Values values;
  private final Problems problems;

  SectionsReader(Values values) {
    this.values = values;
    this.problems = values.problems();
  }

  BusSettings bus(Node node) {
    BusSettings d = BusSettings.DEFAULTS;
    YamlMapping map = YamlMapping.read(node, "bus", "a mapping of bus settings", BUS_KEYS, problems);
    Integer capacity = map.get("queue-capacity").map(n -> values.integer(n, "bus.queue-capacity",
        BusSettings.MIN_QUEUE_CAPACITY, BusSettings.MAX_QUEUE_CAPACITY)).orElse(d.queueCapacity());
    String overflow = map.get("overflow")
        .map(n -> values.choice(n, "bus.overflow", BusSettings.OVERFLOW_POLICIES))
        .orElse(d.overflow());
    Duration blockTimeout = map.get("block-timeout")
        .map(n -> values.duration(n, "bus.block-timeout", false)).orElse(d.blockTimeout());
    Integer threads = map.get("threads")
        .map(n -> values.integer(n, "bus.threads", 1, BusSettings.MAX_THREADS)).orElse(d.threads());
    Duration shutdownTimeout = map.get("shutdown-timeout")
        .map(n -> values.duration(n, "bus.shutdown-timeout", false)).orElse(d.shutdownTimeout());
    return new BusSettings(capacity, overflow, blockTimeout, threads, shutdownTimeout);
  }

  ContextSettings context(Node node) {
    YamlMapping map = YamlMapping.read(node, "context", "a mapping with 'mdc'", CONTEXT_KEYS,
        problems);
    YamlMapping mdc = map.get("mdc")
        .map(n -> YamlMapping.read(n, "context.mdc",
            "a mapping of MDC keys ({ actor: actor, user-id: userId, trace-id: traceId })",
            MDC_KEYS, problems))
        .orElse(null);
    if (mdc == null) {
      return ContextSettings.NONE;
    }
    return new ContextSettings(mdcKey(mdc, "actor"), mdcKey(mdc, "user-id"),
        mdcKey(mdc, "trace-id"));
  }

  private String mdcKey(YamlMapping mdc, String key) {
    return mdc.get(key)
        .map(n -> values.string(n, "context.mdc." + key, "the name of an MDC key"))
        .orElse(null);
  }

  LogSettings log(Node node, Path configDir) {
    YamlMapping map = YamlMapping.read(node, "log", "a mapping with 'level' and 'file'", LOG_KEYS,
        problems);
    String level = map.get("level")
        .map(n -> values.choice(n, "log.level", LOG_LEVELS))
        .orElse(null);
    Path file = map.get("file").map(n -> path(n, "log.file", configDir)).orElse(null);
    return new LogSettings(level, file);
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
