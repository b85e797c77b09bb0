package com.acme.shop.service;

import com.acme.shop.model.Payment;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Card payments, against a pretend card network that is entirely deterministic.
 *
 * <p>{@link #process} declines the well-known test card {@value #DECLINED_CARD} and any amount
 * over {@link #LIMIT}; every other payment is captured. Safe for concurrent use.
 */
public class PaymentService extends BaseService<Payment> {

  /** The test card that is always declined, as with real payment providers' sandboxes. */
  public static final String DECLINED_CARD = "4000000000000002";

  /** The largest amount a single payment may charge. */
  public static final BigDecimal LIMIT = new BigDecimal("1000.00");

  private static final Logger log = LoggerFactory.getLogger(PaymentService.class);
  private static final Set<String> DECLINED_CARDS = Set.of(DECLINED_CARD);

  public PaymentService() {
    super("payment");
  }

  /**
   * Charges the card and stores the captured payment.
   *
   * @return the stored payment, {@link Payment.Status#CAPTURED}
   * @throws PaymentDeclinedException if the card is declined or the amount is over {@link #LIMIT}
   */
  public Payment process(Payment request) {
    Objects.requireNonNull(request, "request");
    if (DECLINED_CARDS.contains(request.cardNumber())) {
      throw new PaymentDeclinedException("card ending " + request.cardLastFour() + " declined");
    }
    if (request.amount().compareTo(LIMIT) > 0) {
      throw new PaymentDeclinedException("amount " + request.amount() + " is over the limit of " + LIMIT);
    }
    // insert, not create: storing is part of processing, not an operation of its own.
    Payment captured = insert(request.withStatus(Payment.Status.CAPTURED));
    log.debug("payment {} captured for order {}", captured.id(), captured.orderId());
    return captured;
  }

  @Override
  protected Payment withId(Payment draft, long id) {
    return draft.withId(id);
  }
}
