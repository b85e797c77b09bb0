package dev.herald.agent.instrument;

import dev.herald.agent.bootstrap.Dispatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Writes down what woven code reports, as one line per hook call; can decline calls or fail. */
final class RecordingDispatcher implements Dispatcher {

  private final List<String> lines = new ArrayList<>();
  /** Enter returns null, as for a call that emits nothing. */
  volatile boolean decline;
  /** Thrown by every hook when set. */
  volatile Throwable failWith;
  volatile Throwable lastThrown;

  synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public synchronized Object enter(int site, Class<?> origin, Object self) {
    lines.add("enter " + site + " " + origin.getSimpleName() + " self=" + (self == null ? "null" : "instance"));
    fail();
    return decline ? null : new Object();
  }

  @Override
  public synchronized void before(Object token, Object[] args) {
    lines.add("before " + Arrays.deepToString(args));
    fail();
  }

  @Override
  public synchronized void constructing() {
    lines.add("constructing");
    fail();
  }

  @Override
  public synchronized void exit(Object token, Object result, Throwable thrown) {
    if (thrown != null) {
      lastThrown = thrown;
      lines.add("failed " + thrown);
    } else {
      String shown = result instanceof int[] ints ? Arrays.toString(ints) : String.valueOf(result);
      lines.add("exit " + shown + " (" + (result == null ? "null" : result.getClass().getSimpleName()) + ")");
    }
    fail();
  }

  private void fail() {
    Throwable failure = failWith;
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
  }
}
