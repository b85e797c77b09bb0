package com.acme.shop.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of an order: so many of one product at a unit price.
 *
 * @param sku the product's stock-keeping unit, e.g. {@code notebook}; never null
 * @param quantity how many, at least 1
 * @param unitPrice the price of one, never null
 */
public record LineItem(String sku, int quantity, BigDecimal unitPrice) {

  public LineItem {
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(unitPrice, "unitPrice");
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be at least 1, was " + quantity);
    }
  }

  /** {@code quantity * unitPrice}. */
  public BigDecimal total() {
    return unitPrice.multiply(BigDecimal.valueOf(quantity));
  }
}
