package dev.herald.it.hardening.bodies;

import dev.herald.api.Event;
import dev.herald.api.Herald;
import java.lang.reflect.Array;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs the calls of one case and prints what they returned and the events they caused, each value
 * with its type ({@code Integer:4}, {@code int[]:[1, 2]}). A failed event's error is marked {@code
 * (same)} when it is the very instance the caller caught, else {@code (other)}. For the main thread.
 */
final class Cases {

  private final List<Event> seen = new CopyOnWriteArrayList<>();
  private final List<Throwable> caught = new ArrayList<>();

  Cases() {
    Herald.bus().on("*.*.*", seen::add);
  }

  @SafeVarargs
  final void run(String name, Callable<?>... calls) {
    List<String> results = new ArrayList<>();
    for (Callable<?> call : calls) {
      try {
        results.add(render(call.call()));
      } catch (Exception e) {
        caught.add(e);
        results.add("threw " + e);
      }
    }
    if (!Herald.bus().flush(Duration.ofSeconds(20))) {
      System.out.println("flush-timeout " + name);
    }
    for (Event e : seen) {
      String simpleClass = e.className().substring(e.className().lastIndexOf('.') + 1);
      StringBuilder line = new StringBuilder("event ").append(name).append(' ').append(e.invocationId())
          .append(' ').append(e.name()).append(' ').append(simpleClass).append('#')
          .append(e.methodName())
          .append(' ').append(renderAll(e.args()));
      if (e.phase().id().equals("after")) {
        line.append(" -> ").append(render(e.result()));
      } else if (e.phase().id().equals("failed")) {
        boolean same = caught.stream().anyMatch(t -> t == e.error());
        line.append(" !! ").append(e.error()).append(same ? " (same)" : " (other)");
      }
      System.out.println(line);
    }
    seen.clear();
    caught.clear();
    System.out.println("result " + name + "=" + String.join(" | ", results));
  }

  private static String renderAll(List<Object> values) {
    List<String> rendered = new ArrayList<>();
    for (Object value : values) {
      rendered.add(render(value));
    }
    return rendered.toString();
  }

  static String render(Object value) {
    if (value == null) {
      return "null";
    }
    Class<?> type = value.getClass();
    if (!type.isArray()) {
      return type.getSimpleName() + ":" + value;
    }
    List<String> items = new ArrayList<>();
    for (int i = 0; i < Array.getLength(value); i++) {
      Object item = Array.get(value, i);
      items.add(item != null && item.getClass().isArray() ? render(item) : String.valueOf(item));
    }
    return type.getSimpleName() + ":" + items;
  }
}
