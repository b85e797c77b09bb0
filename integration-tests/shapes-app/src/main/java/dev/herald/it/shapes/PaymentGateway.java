package dev.herald.it.shapes;

/** An interface the config names (entity {@code payment}, {@code process: process}). */
public interface PaymentGateway {

  /** Processes a payment; returns a receipt text. */
  String process(String paymentId, long cents);
}
