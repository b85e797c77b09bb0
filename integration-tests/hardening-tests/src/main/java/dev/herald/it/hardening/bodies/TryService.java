package dev.herald.it.hardening.bodies;

import java.io.IOException;

/**
 * Configured (entity {@code try}); try/catch/finally in the shapes where javac copies the finally
 * block onto every exit and where the method's own handlers sit inside the weaver's catch-all:
 * returns in try, catch and finally, nested try blocks, a catch that swallows, a rethrow, and a
 * finally whose exception replaces the original. {@link #finallyRuns} counts finally blocks run,
 * so a lost or doubled copy shows.
 */
public class TryService {

  private int finallyRuns;

  public int finallyRuns() {
    return finallyRuns;
  }

  public int returnInTry(int x) {
    try {
      return x * 2;
    } finally {
      finallyRuns++;
    }
  }

  public int returnInCatch(String number) {
    try {
      return Integer.parseInt(number);
    } catch (NumberFormatException e) {
      return -1;
    } finally {
      finallyRuns++;
    }
  }

  /** The return in finally discards the exception thrown in try, so the call returns normally. */
  @SuppressWarnings("finally")
  public int returnInFinally(int x) {
    try {
      if (x > 0) {
        throw new IllegalStateException("discarded " + x);
      }
      return x;
    } finally {
      finallyRuns++;
      return 99;
    }
  }

  public String nestedTry(String name) {
    try {
      try {
        throw new IOException("inner " + name);
      } catch (IOException e) {
        throw new IllegalStateException("outer", e);
      } finally {
        finallyRuns++;
      }
    } catch (IllegalStateException e) {
      return e.getMessage() + "<-" + e.getCause().getMessage();
    } finally {
      finallyRuns++;
    }
  }

  public String swallow(String name) {
    try {
      throw new UnsupportedOperationException(name);
    } catch (RuntimeException e) {
      return "swallowed " + e.getMessage();
    }
  }

  /** Throws the caught exception itself: the failed event and the caller see the same instance. */
  public int rethrow(String number) {
    try {
      return Integer.parseInt(number);
    } catch (NumberFormatException e) {
      finallyRuns++;
      throw e;
    }
  }

  /** The exception from finally replaces the one from try: that is the one the caller sees. */
  @SuppressWarnings("finally")
  public int finallyReplaces(String name) {
    try {
      throw new IllegalStateException("original " + name);
    } finally {
      finallyRuns++;
      throw new IllegalArgumentException("replacement " + name);
    }
  }
}
