package com.acme.shop.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.shop.model.Payment;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PaymentServiceTest {

  private static final String GOOD_CARD = "4242424242424242";

  private final PaymentService payments = new PaymentService();

  @Test
  void capturesAndStoresAnAcceptedPayment() {
    Payment captured = payments.process(Payment.request(7, new BigDecimal("30.00"), GOOD_CARD));

    assertThat(captured.id()).isEqualTo(1);
    assertThat(captured.status()).isEqualTo(Payment.Status.CAPTURED);
    assertThat(payments.get(1)).isEqualTo(captured);
  }

  @Test
  void declinesTheDeclinedTestCardWithoutNamingTheCardNumber() {
    Payment request = Payment.request(7, new BigDecimal("30.00"), PaymentService.DECLINED_CARD);

    assertThatThrownBy(() -> payments.process(request))
        .isInstanceOf(PaymentDeclinedException.class)
        .hasMessage("card ending 0002 declined")
        .message().doesNotContain(PaymentService.DECLINED_CARD);
    assertThat(payments.findAll()).isEmpty();
  }

  @Test
  void declinesAnAmountOverTheLimitAndAcceptsTheLimitItself() {
    BigDecimal justOver = PaymentService.LIMIT.add(new BigDecimal("0.01"));

    assertThatThrownBy(() -> payments.process(Payment.request(7, justOver, GOOD_CARD)))
        .isInstanceOf(PaymentDeclinedException.class)
        .hasMessage("amount 1000.01 is over the limit of 1000.00");
    assertThat(payments.process(Payment.request(7, PaymentService.LIMIT, GOOD_CARD)).status())
        .isEqualTo(Payment.Status.CAPTURED);
  }

  @Test
  void showsOnlyTheLastFourDigitsOfTheCard() {
    Payment payment = Payment.request(7, BigDecimal.ONE, GOOD_CARD);

    assertThat(payment.toString()).contains("**** 4242").doesNotContain(GOOD_CARD);
  }
}
