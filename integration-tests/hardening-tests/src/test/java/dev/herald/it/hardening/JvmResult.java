package dev.herald.it.hardening;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a forked JVM did.
 *
 * @param command the command line, for messages
 * @param exitCode its exit status
 * @param stdout everything it wrote to standard output
 * @param stderr everything it wrote to standard error
 */
record JvmResult(List<String> command, int exitCode, String stdout, String stderr) {

  private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at [\\w$.<>/]+\\(.*\\)\\s*$");

  /** The agent's lines on standard error (they contain {@code [herald]}). */
  List<String> heraldLines() {
    return stderr.lines().filter(line -> line.contains("[herald]")).toList();
  }

  /** The agent's lines at {@code level}: ERROR, WARN, INFO, DEBUG. */
  List<String> heraldLines(String level) {
    Pattern pattern = Pattern.compile(".*\\[herald\\]\\s+" + level + "\\b.*");
    return heraldLines().stream().filter(line -> pattern.matcher(line).matches()).toList();
  }

  /** Lines of standard error that look like a stack trace: frames, "Caused by", uncaught exceptions. */
  List<String> stackTraceLines() {
    return stderr.lines()
        .filter(line -> STACK_FRAME.matcher(line).matches() || line.startsWith("Caused by: ")
            || line.startsWith("Exception in thread "))
        .toList();
  }

  List<String> stdoutLines() {
    return stdout.lines().toList();
  }

  /** The value of the last {@code key=value} line of standard output; null if none. */
  String value(String key) {
    String found = null;
    for (String line : stdoutLines()) {
      if (line.startsWith(key + "=")) {
        found = line.substring(key.length() + 1);
      }
    }
    return found;
  }

  /** Standard output, then standard error: for commands whose report may go to either. */
  String output() {
    return stdout + "\n" + stderr;
  }

  /** Everything, for assertion messages. */
  String describe() {
    return String.join(" ", command) + "\nexit " + exitCode + "\n--- stdout ---\n" + stdout
        + "\n--- stderr ---\n" + stderr;
  }
}
