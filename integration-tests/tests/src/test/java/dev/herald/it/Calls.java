package dev.herald.it;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Picks the events of one call out of a recording by the id the test application passed: either
 * as a plain argument ({@code "o-4"}) or inside a record's {@code toString} ({@code Order[id=o-1, ...]}).
 */
final class Calls {

  private Calls() {}

  /**
   * The events whose first argument is {@code id} or a record with that id, in order.
   *
   * @throws AssertionError if nothing at all was recorded, which says more than "[] is empty"
   */
  static List<RecordedEvent> about(Recording recording, String id) {
    requireAny(recording);
    return recording.where(e -> !e.args().isEmpty() && mentions(e.args().get(0), id));
  }

  /**
   * The first event matching {@code pattern}.
   *
   * @throws AssertionError if there is none
   */
  static RecordedEvent first(Recording recording, String pattern) {
    requireAny(recording);
    return recording.matching(pattern).stream().findFirst()
        .orElseThrow(() -> new AssertionError("no " + pattern + " event in " + recording));
  }

  private static void requireAny(Recording recording) {
    if (recording.events().isEmpty()) {
      throw new AssertionError("the recorder recorded no event at all: is the agent instrumenting?"
          + " The agent's own lines are on the forked JVM's stderr (Jvm.Result.describe())");
    }
  }

  /** The names of {@link #about}'s events. */
  static List<String> names(Recording recording, String id) {
    return about(recording, id).stream().map(RecordedEvent::name).collect(Collectors.toList());
  }

  private static boolean mentions(String arg, String id) {
    return arg != null && (arg.equals(id) || arg.contains("[id=" + id + ","));
  }
}
