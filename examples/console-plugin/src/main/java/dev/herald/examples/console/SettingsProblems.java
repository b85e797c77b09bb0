package dev.herald.examples.console;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The problems found while reading the settings, so that one exception names them all: a user with
 * three mistakes fixes them in one restart, not three.
 *
 * <p>Each problem is recorded as the message a single problem would have, such as
 * {@code "console: show-args must be true or false, was 2"}.
 * Not thread-safe: one per reading of the settings. Each example plugin has its own copy: each is
 * a template meant to be copied alone, with no library of Herald's besides the API.
 */
final class SettingsProblems {

  private static final String PREFIX = "console: ";

  private final List<String> messages = new ArrayList<>();

  /** Records a problem. */
  void add(String message) {
    messages.add(message);
  }

  /**
   * What {@code reader} returns or, if it throws an {@link IllegalArgumentException}, null after
   * recording the exception's message. Use the values only after {@link #throwIfAny()}.
   */
  <T> T read(Supplier<T> reader) {
    try {
      return reader.get();
    } catch (IllegalArgumentException e) {
      messages.add(e.getMessage());
      return null;
    }
  }

  /**
   * Throws if a problem was recorded: for one, its message as is; for several, {@code "console: "}
   * once and then each message without it, joined by {@code "; "}, in the order recorded.
   *
   * @throws IllegalArgumentException naming every problem recorded
   */
  void throwIfAny() {
    if (messages.size() == 1) {
      throw new IllegalArgumentException(messages.get(0));
    }
    if (!messages.isEmpty()) {
      throw new IllegalArgumentException(PREFIX + String.join("; ",
          messages.stream().map(m -> m.startsWith(PREFIX) ? m.substring(PREFIX.length()) : m).toList()));
    }
  }
}
