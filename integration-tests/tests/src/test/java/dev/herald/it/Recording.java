package dev.herald.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What the recorder plugin wrote: its {@code file} read back, one {@link RecordedEvent} per event
 * line, in the order the plugin received them, plus the Jackson version the plugin saw.
 *
 * <p>Immutable once read.
 */
final class Recording {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<RecordedEvent> events;
  private final List<String> pluginJacksonVersions;

  private Recording(List<RecordedEvent> events, List<String> pluginJacksonVersions) {
    this.events = Collections.unmodifiableList(events);
    this.pluginJacksonVersions = Collections.unmodifiableList(pluginJacksonVersions);
  }

  /** Reads {@code file}; a missing file reads as a recording with nothing in it. */
  static Recording read(Path file) {
    if (!Files.exists(file)) {
      return new Recording(new ArrayList<>(), new ArrayList<>());
    }
    List<RecordedEvent> events = new ArrayList<>();
    List<String> jackson = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = JSON.readTree(line);
        if (node.has("plugin")) {
          jackson.add(text(node, "jackson"));
        } else {
          events.add(event(node));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the recording " + file, e);
    }
    return new Recording(events, jackson);
  }

  /** Every event, in the order the recorder received them. */
  List<RecordedEvent> events() {
    return events;
  }

  /** The events' names, in order. */
  List<String> names() {
    return events.stream().map(RecordedEvent::name).collect(Collectors.toList());
  }

  /** The events whose name matches {@code pattern} (three segments, {@code *} for any). */
  List<RecordedEvent> matching(String pattern) {
    return where(e -> dev.herald.api.EventPattern.matches(pattern, e.name()));
  }

  /** The events of {@code entity}. */
  List<RecordedEvent> ofEntity(String entity) {
    return where(e -> e.entity().equals(entity));
  }

  /** The events that pass {@code filter}, in order. */
  List<RecordedEvent> where(Predicate<RecordedEvent> filter) {
    return events.stream().filter(filter).collect(Collectors.toList());
  }

  /** The events grouped by invocation id, groups in order of first appearance. */
  Map<Long, List<RecordedEvent>> byInvocation() {
    return events.stream().collect(
        Collectors.groupingBy(RecordedEvent::invocationId, LinkedHashMap::new, Collectors.toList()));
  }

  /** The Jackson version the recorder plugin reported at each start (one per JVM run). */
  List<String> pluginJacksonVersions() {
    return pluginJacksonVersions;
  }

  @Override
  public String toString() {
    return events.stream().map(RecordedEvent::toString).collect(Collectors.joining("\n  ", "recording:\n  ", ""));
  }

  private static RecordedEvent event(JsonNode node) {
    String timestamp = text(node, "timestamp");
    return new RecordedEvent(
        text(node, "name"), text(node, "entity"), text(node, "phase"), text(node, "operation"),
        node.path("invocationId").asLong(), text(node, "className"), text(node, "methodName"),
        strings(node.path("args")), strings(node.path("argTypes")),
        text(node, "result"), text(node, "resultType"), node.path("resultIdentity").asInt(),
        text(node, "errorClass"), text(node, "errorMessage"), node.path("errorIdentity").asInt(),
        text(node, "actor"), text(node, "userId"), text(node, "traceId"),
        node.path("durationNanos").asLong(), timestamp == null ? null : Instant.parse(timestamp),
        text(node, "thread"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.isNull() ? null : v.asText()));
    return values;
  }
}
