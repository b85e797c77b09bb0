package com.example.shop;

import java.util.concurrent.atomic.AtomicLong;

/** A service as an application has them: Herald's config names it; its source knows nothing of Herald. */
public class OrderService {

  private final AtomicLong ids = new AtomicLong();

  /** Places an order: the config maps this method to the {@code create} operation. */
  public long placeOrder(String item, int quantity) {
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity must be positive, got " + quantity);
    }
    return ids.incrementAndGet();
  }

  /** Cancels an order: a default operation name ({@code delete}) would not match, so the config maps it. */
  public void cancel(long id) {}

  /** Not a write method: emits nothing. */
  public String describe(long id) {
    return "order " + id;
  }
}
