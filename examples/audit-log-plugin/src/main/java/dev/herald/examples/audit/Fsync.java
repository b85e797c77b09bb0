package dev.herald.examples.audit;

import java.util.Locale;

/** When the audit file is forced to disk: setting {@code fsync}. */
enum Fsync {
  /** Never explicitly; the operating system writes when it likes. Lines survive a JVM crash, not a power cut. */
  NONE,
  /** Every {@code fsync-interval} (default 1s), if anything was written since. */
  INTERVAL,
  /** After every line: the safest and the slowest. */
  ALWAYS;

  static Fsync parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("audit-log: fsync must be none, interval or always, was '" + value + "'");
    }
  }
}
