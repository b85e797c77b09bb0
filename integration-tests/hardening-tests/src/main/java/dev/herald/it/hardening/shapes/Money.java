package dev.herald.it.hardening.shapes;

/** A configured record with a write method and a compact constructor that validates. */
public record Money(long cents, String currency) {

  public Money {
    if (currency == null || currency.length() != 3) {
      throw new IllegalArgumentException("currency must have 3 letters");
    }
  }

  public Money update(long delta) {
    return new Money(cents + delta, currency);
  }
}
