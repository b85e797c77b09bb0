package dev.herald.it.shapes;

/** One implementation of {@link PaymentGateway}. */
public class CardGateway implements PaymentGateway {

  @Override
  public String process(String paymentId, long cents) {
    return "card:" + paymentId + ":" + cents;
  }
}
