package dev.herald.it.recorder;

import dev.herald.api.Event;
import dev.herald.api.EventListener;
import dev.herald.api.EventPattern;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns each event into one JSON line. Application values are written as their {@code toString()}
 * with their class name and identity hash code, never serialized as objects: the recorder must not
 * depend on what the application's classes look like.
 */
final class RecordingListener implements EventListener {

  private final JsonLines out;
  private final String failOn;
  private final long delayMillis;

  RecordingListener(JsonLines out, String failOn, long delayMillis) {
    this.out = out;
    this.failOn = failOn;
    this.delayMillis = delayMillis;
  }

  @Override
  public void onEvent(Event event) throws Exception {
    out.write(toJson(event));
    if (delayMillis > 0) {
      Thread.sleep(delayMillis);
    }
    if (failOn != null && EventPattern.matches(failOn, event.name())) {
      throw new IllegalStateException("recorder told to fail on " + event.name());
    }
  }

  static Map<String, Object> toJson(Event event) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("name", event.name());
    line.put("entity", event.entity());
    line.put("phase", event.phase().id());
    line.put("operation", event.operation());
    line.put("invocationId", event.invocationId());
    line.put("className", event.className());
    line.put("methodName", event.methodName());
    List<String> args = new ArrayList<>();
    List<String> argTypes = new ArrayList<>();
    for (Object arg : event.args()) {
      args.add(arg == null ? null : render(arg));
      argTypes.add(arg == null ? null : arg.getClass().getName());
    }
    line.put("args", args);
    line.put("argTypes", argTypes);
    Object result = event.result();
    line.put("result", result == null ? null : render(result));
    line.put("resultType", result == null ? null : result.getClass().getName());
    line.put("resultIdentity", result == null ? 0 : System.identityHashCode(result));
    Throwable error = event.error();
    line.put("errorClass", error == null ? null : error.getClass().getName());
    line.put("errorMessage", error == null ? null : error.getMessage());
    line.put("errorIdentity", error == null ? 0 : System.identityHashCode(error));
    line.put("actor", event.actor());
    line.put("userId", event.userId());
    line.put("traceId", event.traceId());
    line.put("durationNanos", event.duration() == null ? -1 : event.duration().toNanos());
    line.put("timestamp", event.timestamp() == null ? null : event.timestamp().toString());
    line.put("thread", Thread.currentThread().getName());
    return line;
  }

  private static String render(Object value) {
    if (value.getClass().isArray()) {
      String deep = Arrays.deepToString(new Object[] {value});
      return deep.substring(1, deep.length() - 1);
    }
    return String.valueOf(value);
  }
}
