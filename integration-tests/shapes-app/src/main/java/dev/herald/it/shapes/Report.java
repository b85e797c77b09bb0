package dev.herald.it.shapes;

/** How the scenarios report: {@code key=value} lines on standard output, which the tests read. */
final class Report {

  private Report() {}

  static void print(String key, Object value) {
    System.out.println(key + "=" + value);
  }

  /** The identity of {@code value}, to compare with the identity the recorder saw. */
  static int identity(Object value) {
    return System.identityHashCode(value);
  }
}
