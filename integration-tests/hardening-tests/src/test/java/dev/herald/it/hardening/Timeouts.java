package dev.herald.it.hardening;

import java.time.Duration;

/** Time limits of the forked JVMs: generous, since they only catch hangs, never measure speed. */
final class Timeouts {

  /** One run of a test application. */
  static final Duration RUN = Duration.ofSeconds(90);

  private Timeouts() {}
}
