package dev.herald.it.shapes;

import java.util.concurrent.CompletableFuture;

/**
 * Configured as entity {@code shipment}: writes that return a {@link CompletableFuture} completed
 * after the method returned, by {@link #release}.
 */
public class ShipmentService {

  private final CompletableFuture<String> gate = new CompletableFuture<>();

  /** Completes later with {@code "shipped:<id>"}. */
  public CompletableFuture<String> create(String id) {
    return gate.thenApply(go -> "shipped:" + id);
  }

  /** Fails later: the future holds a {@code CompletionException} wrapping a {@link CarrierException}. */
  public CompletableFuture<String> update(String id) {
    return gate.thenApply(go -> {
      throw new CarrierException("carrier down for " + id);
    });
  }

  /** Fails later with the {@link CarrierException} itself (completeExceptionally, nothing wrapped). */
  public CompletableFuture<Void> delete(String id, CarrierException failure) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    gate.whenComplete((go, e) -> result.completeExceptionally(failure));
    return result;
  }

  /**
   * Declared to return {@code Object}: {@code "stored:<id>"} at once, or, when {@code later}, a
   * future that completes with it on {@link #release}. The agent tells the two apart per call.
   */
  public Object upsert(String id, boolean later) {
    return later ? gate.thenApply(go -> "stored:" + id) : "stored:" + id;
  }

  /**
   * Returns, at once, a stage that refuses callbacks (as some read-only wrappers do): the agent
   * cannot wait for it, and the caller must still get it back.
   */
  public CompletableFuture<String> activate(String id) {
    return new CallbackRefusingFuture("active:" + id);
  }

  /** Returns, at once, a stage whose {@code whenComplete} runs the callback and then throws. */
  public CompletableFuture<String> deactivate(String id) {
    return new CallbackThenThrowingFuture("inactive:" + id);
  }

  /** Completes every future handed out so far. */
  void release() {
    gate.complete("go");
  }

  /** A completed future whose {@code whenComplete} throws. */
  static final class CallbackRefusingFuture extends CompletableFuture<String> {

    CallbackRefusingFuture(String value) {
      complete(value);
    }

    @Override
    public CompletableFuture<String> whenComplete(java.util.function.BiConsumer<? super String, ? super Throwable> action) {
      throw new UnsupportedOperationException("this stage takes no callbacks");
    }

    @Override
    public String toString() {
      return "CallbackRefusingFuture[" + join() + "]";
    }
  }

  /** A completed future whose {@code whenComplete} calls the action, then throws. */
  static final class CallbackThenThrowingFuture extends CompletableFuture<String> {

    CallbackThenThrowingFuture(String value) {
      complete(value);
    }

    @Override
    public CompletableFuture<String> whenComplete(java.util.function.BiConsumer<? super String, ? super Throwable> action) {
      action.accept(join(), null);
      throw new IllegalStateException("this stage ran the callback, then failed");
    }
  }

  /** The failure of {@link ShipmentService}'s futures. */
  public static final class CarrierException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CarrierException(String message) {
      super(message);
    }
  }
}
