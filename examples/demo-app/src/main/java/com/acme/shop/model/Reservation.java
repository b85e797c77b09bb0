package com.acme.shop.model;

import java.util.Objects;

/**
 * Stock set aside in the warehouse for an order.
 *
 * @param id the reservation id, {@code 0} for a draft
 * @param orderId the order the stock is for
 * @param sku the product, never null
 * @param quantity how many were set aside, at least 1
 */
public record Reservation(long id, long orderId, String sku, int quantity) implements Entity {

  public Reservation {
    Objects.requireNonNull(sku, "sku");
  }

  public Reservation withId(long newId) {
    return new Reservation(newId, orderId, sku, quantity);
  }
}
