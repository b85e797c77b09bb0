package dev.herald.it.reliability;

import java.util.List;

/**
 * What a forked JVM did.
 *
 * @param exitCode its exit status
 * @param stdout everything it wrote to standard output
 * @param stderr everything it wrote to standard error
 * @param endedAtEpochMillis when the test saw the process end
 */
record Result(int exitCode, String stdout, String stderr, long endedAtEpochMillis) {

  /** The agent's lines on standard error (they contain {@code [herald]}). */
  List<String> heraldLines() {
    return stderr.lines().filter(line -> line.contains("[herald]")).toList();
  }

  /** The agent's lines that contain {@code text}. */
  List<String> heraldLines(String text) {
    return heraldLines().stream().filter(line -> line.contains(text)).toList();
  }

  /** The value of the last {@code key=value} line on standard output; fails if there is none. */
  String value(String key) {
    String prefix = key + "=";
    String found = null;
    for (String line : stdout.lines().toList()) {
      if (line.startsWith(prefix)) {
        found = line.substring(prefix.length());
      }
    }
    if (found == null) {
      throw new AssertionError("the application printed no " + key + "=...; " + describe());
    }
    return found;
  }

  /** {@link #value} as a number. */
  long number(String key) {
    return Long.parseLong(value(key));
  }

  /** Everything, for assertion messages. */
  String describe() {
    String err = stderr.length() > 20_000 ? stderr.substring(0, 20_000) + "\n[...]" : stderr;
    return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + err;
  }
}
