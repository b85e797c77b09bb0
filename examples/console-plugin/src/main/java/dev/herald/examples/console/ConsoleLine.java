package dev.herald.examples.console;

import dev.herald.api.Event;
import dev.herald.api.Phase;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Formats one event as one line:
 * {@code 12:00:00.123 order.after.create    OrderService.placeOrder #42  3.1 ms  actor=alice  -> Order[id=7]}.
 *
 * <p>After the time and name come the simple class and method name, the invocation id (if any),
 * the duration (after and failed), the context (actor, user, trace; each if set) and then, by
 * phase: the arguments {@code (a, b)}, the result {@code -> value}, or the error {@code !!
 * Class: message}. Values, and the error's message (which often quotes them), are left out when
 * {@code show-args} is false: the error is then {@code !! Class}. Control characters in values and
 * in the context are shown as escapes ({@link ValueText#printable}), so one event is one line.
 *
 * <p>Immutable and safe for concurrent use; never throws for any event.
 */
final class ConsoleLine {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);
  private static final String RESET = "\u001b[0m";
  private static final String DIM = "\u001b[2m";
  private static final String RED = "\u001b[31m";

  private final ConsoleSettings settings;
  private final boolean colour;
  private final DateTimeFormatter time;

  ConsoleLine(ConsoleSettings settings, boolean colour, ZoneId zone) {
    this.settings = settings;
    this.colour = colour;
    this.time = TIME.withZone(zone);
  }

  String format(Event event) {
    StringBuilder line = new StringBuilder(128);
    paint(line, DIM, time.format(event.timestamp()));
    line.append(' ');
    paint(line, phaseColour(event.phase()), String.format(Locale.ROOT, "%-21s", event.name()));
    String where = where(event);
    if (!where.isEmpty()) {
      line.append(' ').append(where);
    }
    if (event.invocationId() != 0) {
      line.append(" #").append(event.invocationId());
    }
    if (event.phase() != Phase.BEFORE) {
      line.append("  ").append(millis(event.duration()));
    }
    context(line, "actor", event.actor());
    context(line, "user", event.userId());
    context(line, "trace", event.traceId());
    switch (event.phase()) {
      case BEFORE -> arguments(line, event.args());
      case AFTER -> {
        if (settings.showArgs()) {
          line.append("  -> ").append(ValueText.render(event.result(), settings.maxValueLength()));
        }
      }
      case FAILED -> {
        line.append("  ");
        paint(line, RED, "!! " + (settings.showArgs() ? ValueText.error(event.error(), settings.maxValueLength())
            : ValueText.errorClass(event.error())));
      }
    }
    return line.toString();
  }

  private void arguments(StringBuilder line, List<Object> args) {
    if (!settings.showArgs()) {
      return;
    }
    line.append("  (");
    for (int i = 0; i < args.size(); i++) {
      line.append(i == 0 ? "" : ", ").append(ValueText.render(args.get(i), settings.maxValueLength()));
    }
    line.append(')');
  }

  private static String where(Event event) {
    String className = event.className();
    String simple = className.substring(className.lastIndexOf('.') + 1);
    if (event.methodName().isEmpty()) {
      return simple;
    }
    return simple.isEmpty() ? event.methodName() : simple + '.' + event.methodName();
  }

  private static void context(StringBuilder line, String key, String value) {
    if (value != null) {
      line.append("  ").append(key).append('=').append(ValueText.printable(value));
    }
  }

  static String millis(Duration duration) {
    double ms = duration.toNanos() / 1_000_000.0;
    return ms < 10_000
        ? String.format(Locale.ROOT, "%.1f ms", ms)
        : String.format(Locale.ROOT, "%.1f s", ms / 1000);
  }

  private static String phaseColour(Phase phase) {
    return switch (phase) {
      case BEFORE -> "\u001b[36m";
      case AFTER -> "\u001b[32m";
      case FAILED -> RED;
    };
  }

  private void paint(StringBuilder line, String ansi, String text) {
    if (colour) {
      line.append(ansi).append(text).append(RESET);
    } else {
      line.append(text);
    }
  }
}
