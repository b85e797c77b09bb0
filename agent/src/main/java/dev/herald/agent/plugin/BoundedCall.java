package dev.herald.agent.plugin;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a plugin's code on a daemon thread of its own, with the plugin's class loader as context
 * class loader, and waits for it a bounded time. A plugin that hangs then costs the application
 * that time and no more; since threads cannot be killed, the hung one is left behind, and being a
 * daemon it never keeps the JVM alive.
 */
final class BoundedCall {

  /** Plugin code: {@code start} or {@code stop}. */
  @FunctionalInterface
  interface Task {
    void run() throws Exception;
  }

  /**
   * What came of a call.
   *
   * @param finished true if it returned or threw within the time allowed
   * @param failure what it threw; null if it returned, or has not finished
   */
  record Outcome(boolean finished, Throwable failure) {

    boolean succeeded() {
      return finished && failure == null;
    }
  }

  private BoundedCall() {}

  /** Starts {@code task} on a new daemon thread named {@code threadName}; the future completes with it. */
  static CompletableFuture<Void> start(String threadName, ClassLoader contextLoader, Task task) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        task.run();
        done.complete(null);
      } catch (Throwable t) { // a plugin may throw anything; all of it is reported, none escapes
        done.completeExceptionally(t);
      }
    }, threadName);
    thread.setDaemon(true);
    // inherited by the threads the plugin starts, which is how stop finds those left running
    thread.setContextClassLoader(contextLoader);
    thread.start();
    return done;
  }

  /** Waits up to {@code timeout} for {@code call}. An interrupt ends the wait, and is kept. */
  static Outcome await(CompletableFuture<Void> call, Duration timeout) {
    try {
      call.get(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
      return new Outcome(true, null);
    } catch (ExecutionException e) {
      return new Outcome(true, e.getCause());
    } catch (TimeoutException e) {
      return new Outcome(false, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(false, null);
    }
  }

  /** {@code 10s}, {@code 300ms}: how a timeout is written in the config. */
  static String format(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
