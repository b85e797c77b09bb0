package dev.herald.examples.console;

import java.io.Console;
import java.lang.reflect.Method;

/** Decides whether standard output is a terminal, so that colours help rather than litter files. */
final class Terminal {

  private Terminal() {}

  /**
   * True if standard output is an interactive terminal. On Java 17 to 21, {@link System#console()}
   * is non-null exactly then. From Java 22 it may be non-null even when redirected, and {@code
   * Console.isTerminal()} answers; it is called reflectively because this plugin compiles for 17.
   */
  static boolean isTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException beforeJava22) {
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false; // when in doubt, no escape codes in someone's log file
    }
  }
}
