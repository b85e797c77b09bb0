package dev.herald.it.hardening.bodies;

/**
 * Configured (entity {@code loop}); each method starts with a loop, so its first instruction is
 * also the target of the loop's backward jump. Code woven in at method start must not end up
 * inside the loop, and the stack map frame at the loop head must still hold.
 */
public class LoopService {

  /** {@code do}/{@code while}: the body is the first instruction. */
  public int doWhileTop(int x, int n) {
    do {
      x++;
    } while (x < n);
    return x;
  }

  /** {@code while}: javac puts the condition first and jumps back to it. */
  public int whileTop(int n) {
    while (n > 10) {
      n -= 3;
    }
    return n;
  }

  /** A loop that is left only by a return from inside it. */
  public int infiniteTop(int n) {
    while (true) {
      if (n % 7 == 0) {
        return n;
      }
      n++;
    }
  }

  public static int staticDoWhile(int x, int n) {
    do {
      x += 2;
    } while (x < n);
    return x;
  }

  /** Static, a wide parameter in slot 0, and a {@code for} with no initialiser. */
  public static long staticForTop(long n) {
    for (; n < 100; n *= 2) {
      n++;
    }
    return n;
  }
}
