package dev.herald.agent.log;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A throwable's stack, causes and suppressed throwables without their messages, for a WARN line
 * about an error whose message may quote the application's values: the frames say where it
 * happened, and the class what.
 */
final class MessageHidden extends Throwable {

  private static final long serialVersionUID = 1L;
  private static final int MAX_DEPTH = 16;

  private MessageHidden(Throwable original, MessageHidden cause) {
    super(describe(original) + ", its message not shown (it may hold argument values; log level debug shows it)",
        cause, true, true);
    setStackTrace(original.getStackTrace());
  }

  /** The class of {@code error}, standing for it where its message must not appear. */
  static String describe(Throwable error) {
    return error == null ? "null" : error.getClass().getName();
  }

  /** A copy of {@code error} without messages. Never throws. */
  static Throwable of(Throwable error) {
    try {
      return copy(error, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
    } catch (Throwable t) {
      return new MessageHidden(error, null); // an odd throwable: its class and frames at least
    }
  }

  private static MessageHidden copy(Throwable error, Set<Throwable> seen, int depth) {
    seen.add(error);
    Throwable cause = error.getCause();
    MessageHidden copy = new MessageHidden(error,
        cause != null && depth < MAX_DEPTH && !seen.contains(cause) ? copy(cause, seen, depth + 1) : null);
    for (Throwable suppressed : error.getSuppressed()) {
      if (depth < MAX_DEPTH && !seen.contains(suppressed)) {
        copy.addSuppressed(copy(suppressed, seen, depth + 1));
      }
    }
    return copy;
  }
}
