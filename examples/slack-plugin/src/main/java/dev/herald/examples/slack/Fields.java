package dev.herald.examples.slack;

import dev.herald.api.Event;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves template paths against an event: a root ({@code name, entity, phase, operation,
 * actor, userId, traceId, invocationId, class, method, duration, timestamp, args, result, error})
 * followed by {@code .field} and {@code [index]} steps. A field step reads a map entry, a record
 * component, a public no-argument method {@code field()}, {@code getField()} or {@code isField()},
 * or a public field; {@code .class} gives the value's simple class name.
 *
 * <p>Stateless; never throws: a step that leads nowhere answers {@link #MISSING}.
 */
final class Fields {

  /** The answer for a path that leads nowhere. */
  static final Object MISSING = new Object();

  private static final Pattern STEP = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_-]*)|\\[(\\d+)]");

  private Fields() {}

  static Object resolve(Event event, String path) {
    int end = path.length();
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) == '.' || path.charAt(i) == '[') {
        end = i;
        break;
      }
    }
    Object value = root(event, path.substring(0, end));
    Matcher step = STEP.matcher(path);
    int at = end;
    while (value != MISSING && at < path.length() && step.find(at) && step.start() == at) {
      value = step.group(1) != null ? field(value, step.group(1)) : index(value, Integer.parseInt(step.group(2)));
      at = step.end();
    }
    return value;
  }

  private static Object root(Event event, String name) {
    return switch (name) {
      case "name" -> event.name();
      case "entity" -> event.entity();
      case "phase" -> event.phase().id();
      case "operation" -> event.operation();
      case "actor" -> event.actor();
      case "userId" -> event.userId();
      case "traceId" -> event.traceId();
      case "invocationId" -> event.invocationId();
      case "class" -> event.className();
      case "method" -> event.methodName();
      case "duration" -> String.format(java.util.Locale.ROOT, "%.1f ms", event.duration().toNanos() / 1e6);
      case "timestamp" -> event.timestamp();
      case "args" -> event.args();
      case "result" -> event.result();
      case "error" -> event.error();
      default -> MISSING;
    };
  }

  private static Object index(Object value, int index) {
    if (value instanceof List<?> list) {
      return index < list.size() ? list.get(index) : MISSING;
    }
    if (value != null && value.getClass().isArray()) {
      return index < Array.getLength(value) ? Array.get(value, index) : MISSING;
    }
    return MISSING;
  }

  private static Object field(Object value, String name) {
    if (value == null) {
      return MISSING;
    }
    if (name.equals("class")) {
      return value.getClass().getSimpleName();
    }
    if (value instanceof Map<?, ?> map) {
      return map.containsKey(name) ? map.get(name) : MISSING;
    }
    try {
      String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
      for (String candidate : new String[] {name, "get" + capitalized, "is" + capitalized}) {
        Method method = publicMethod(value.getClass(), candidate);
        if (method != null) {
          return method.invoke(value);
        }
      }
      Field field = value.getClass().getField(name);
      if (!Modifier.isStatic(field.getModifiers())) {
        field.trySetAccessible();
        return field.get(value);
      }
    } catch (ReflectiveOperationException | RuntimeException | StackOverflowError e) {
      return MISSING; // no such field, or reading it failed: fail soft
    }
    return MISSING;
  }

  private static Method publicMethod(Class<?> type, String name) {
    try {
      Method method = type.getMethod(name);
      if (Modifier.isStatic(method.getModifiers()) || method.getReturnType() == void.class
          || method.getDeclaringClass() == Object.class) {
        return null;
      }
      // A public accessor of a non-public class (a package-private record) needs this to be called.
      method.trySetAccessible();
      return method;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
