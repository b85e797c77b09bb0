package dev.herald.it;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One event as the recorder plugin wrote it: one JSON line of its {@code file}.
 *
 * <p>Values of the application (arguments, result) arrive as their {@code toString()} (arrays as
 * {@code Arrays.toString}), with their class names and, for result and error, their identity hash
 * codes, so that a test can check that the agent passed the very objects through. Strings may be
 * null where the event's value was null; {@code args} and {@code argTypes} are never null.
 *
 * @param name {@code entity.phase.operation}
 * @param phase {@code before}, {@code after} or {@code failed}
 * @param args {@code String.valueOf} of each argument
 * @param argTypes the class name of each argument ({@code null} for a null argument)
 * @param result {@code String.valueOf} of the result; null if the result was null
 * @param resultType the result's class name; null if the result was null
 * @param resultIdentity {@code System.identityHashCode} of the result; 0 if null
 * @param errorClass the throwable's class name; null if none
 * @param errorIdentity {@code System.identityHashCode} of the throwable; 0 if none
 * @param durationNanos {@code Event.duration()} in nanoseconds
 * @param thread the name of the thread that delivered the event to the recorder
 */
record RecordedEvent(
    String name, String entity, String phase, String operation, long invocationId,
    String className, String methodName, List<String> args, List<String> argTypes,
    String result, String resultType, int resultIdentity,
    String errorClass, String errorMessage, int errorIdentity,
    String actor, String userId, String traceId,
    long durationNanos, Instant timestamp, String thread) {

  RecordedEvent {
    // Not List.copyOf: a null argument is recorded as null.
    args = Collections.unmodifiableList(new ArrayList<>(args));
    argTypes = Collections.unmodifiableList(new ArrayList<>(argTypes));
  }

  boolean isBefore() {
    return "before".equals(phase);
  }

  boolean isAfter() {
    return "after".equals(phase);
  }

  boolean isFailed() {
    return "failed".equals(phase);
  }

  @Override
  public String toString() {
    return name + "#" + invocationId + " " + className + "." + methodName + args;
  }
}
