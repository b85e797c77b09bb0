package com.acme.shop.service;

/**
 * Thrown by {@link PaymentService#process} when a payment is refused. The message says why, and
 * never contains the card number.
 */
public class PaymentDeclinedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public PaymentDeclinedException(String reason) {
    super(reason);
  }
}
