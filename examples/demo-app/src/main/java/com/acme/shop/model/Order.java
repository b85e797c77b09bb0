package com.acme.shop.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * An order of one account: its lines and their total.
 *
 * @param id the order id, {@code 0} for a draft
 * @param accountId the id of the account that placed it
 * @param items the order lines, unmodifiable, never empty
 * @param total the sum of the lines' totals
 * @param status where the order is in its life, never null
 */
public record Order(long id, long accountId, List<LineItem> items, BigDecimal total, Status status)
    implements Entity {

  /** Where an order is in its life. */
  public enum Status { PLACED, CANCELLED }

  public Order {
    items = List.copyOf(items);
    if (items.isEmpty()) {
      throw new IllegalArgumentException("an order needs at least one item");
    }
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(status, "status");
  }

  /** A new order of {@code items} for an account, totalled, not stored yet. */
  public static Order draft(long accountId, List<LineItem> items) {
    BigDecimal total = items.stream().map(LineItem::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    return new Order(0, accountId, items, total, Status.PLACED);
  }

  public Order withId(long newId) {
    return new Order(newId, accountId, items, total, status);
  }

  public Order withStatus(Status newStatus) {
    return new Order(id, accountId, items, total, newStatus);
  }
}
