package dev.herald.it.shapes;

/** Another implementation of {@link PaymentGateway}. */
public class BankGateway implements PaymentGateway {

  @Override
  public String process(String paymentId, long cents) {
    return "bank:" + paymentId + ":" + cents;
  }
}
