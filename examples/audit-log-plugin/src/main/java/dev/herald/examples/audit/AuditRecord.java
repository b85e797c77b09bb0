package dev.herald.examples.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import java.util.List;
import java.util.UUID;

/**
 * One event as the JSON object of one audit line. Keys, always present, in this order: {@code
 * name, entity, phase, operation, timestamp} (ISO-8601 instant), {@code invocationId, run,
 * duration} (ISO-8601, e.g. {@code PT0.0031S}), {@code actor, userId, traceId} (null if unset), {@code
 * class, method, args} (array), {@code result} (null unless after), {@code error} (null unless
 * failed: {@code {class, message}} and, with {@code stack-traces}, {@code stackTrace}).
 *
 * <p>Immutable and safe for concurrent use.
 */
final class AuditRecord {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * This JVM's run, {@code <pid>@<start instant>}: invocation ids start again in every run, so a
   * file that several runs appended to tells the calls apart by run and id together.
   */
  static final String RUN = run();

  private static final String REDACTED = "***";

  private final SafeJson json;
  private final boolean stackTraces;
  private final AuditSettings settings;

  AuditRecord(SafeJson json, boolean stackTraces, AuditSettings settings) {
    this.json = json;
    this.stackTraces = stackTraces;
    this.settings = settings;
  }

  ObjectNode of(Event event) {
    ObjectNode line = NODES.objectNode();
    line.put("name", event.name());
    line.put("entity", event.entity());
    line.put("phase", event.phase().id());
    line.put("operation", event.operation());
    line.put("timestamp", event.timestamp().toString());
    line.put("invocationId", event.invocationId());
    line.put("run", RUN);
    line.put("duration", event.duration().toString());
    line.put("actor", event.actor());
    line.put("userId", event.userId());
    line.put("traceId", event.traceId());
    line.put("class", event.className());
    line.put("method", event.methodName());
    ArrayNode args = line.putArray("args");
    List<Object> values = event.args();
    for (int i = 0; i < values.size(); i++) {
      // by position: a plain String cardNumber has no name that redact could match
      args.add(settings.redactsArg(event.name(), i) ? NODES.textNode(REDACTED) : json.toJson(values.get(i)));
    }
    line.set("result", event.result() != null && settings.redactsResult(event.name()) ? NODES.textNode(REDACTED)
        : json.toJson(event.result()));
    line.set("error", event.error() == null ? NODES.nullNode() : error(event.error(), json, stackTraces));
    return line;
  }

  private static String run() {
    ProcessHandle self = ProcessHandle.current();
    // the start instant is missing where the OS does not tell it: a random id is as unique
    return self.pid() + "@" + self.info().startInstant().map(Object::toString)
        .orElseGet(() -> UUID.randomUUID().toString());
  }

  /** {@code {class, message[, stackTrace]}}; never reads the cause chain, which may be a cycle. */
  static ObjectNode error(Throwable error, SafeJson json, boolean stackTrace) {
    ObjectNode node = NODES.objectNode();
    node.put("class", error.getClass().getName());
    String message;
    try {
      message = error.getMessage();
    } catch (RuntimeException | StackOverflowError e) {
      message = "<getMessage threw " + e.getClass().getSimpleName() + ">";
    }
    node.put("message", message == null ? null : json.text(message));
    if (stackTrace) {
      ArrayNode frames = node.putArray("stackTrace");
      for (StackTraceElement frame : error.getStackTrace()) {
        frames.add(frame.toString());
      }
    }
    return node;
  }
}
