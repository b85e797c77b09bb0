package com.acme.shop.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A card payment for an order.
 *
 * <p>{@link #toString()} shows only the card number's last four digits, so that the shop's own
 * logs never carry a full card number.
 *
 * @param id the payment id, {@code 0} for a request that is not processed yet
 * @param orderId the order it pays
 * @param amount the amount charged, never null
 * @param cardNumber the card number, digits only, never null
 * @param status whether the payment was captured, never null
 */
public record Payment(long id, long orderId, BigDecimal amount, String cardNumber, Status status)
    implements Entity {

  /** Where a payment is in its life. */
  public enum Status { REQUESTED, CAPTURED }

  public Payment {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(cardNumber, "cardNumber");
    Objects.requireNonNull(status, "status");
  }

  /** A payment request for an order, not processed yet. */
  public static Payment request(long orderId, BigDecimal amount, String cardNumber) {
    return new Payment(0, orderId, amount, cardNumber, Status.REQUESTED);
  }

  public Payment withId(long newId) {
    return new Payment(newId, orderId, amount, cardNumber, status);
  }

  public Payment withStatus(Status newStatus) {
    return new Payment(id, orderId, amount, cardNumber, newStatus);
  }

  /** The card number's last four digits, e.g. {@code 4242}. */
  public String cardLastFour() {
    return cardNumber.substring(Math.max(0, cardNumber.length() - 4));
  }

  @Override
  public String toString() {
    return "Payment[id=" + id + ", orderId=" + orderId + ", amount=" + amount
        + ", card=**** " + cardLastFour() + ", status=" + status + "]";
  }
}
