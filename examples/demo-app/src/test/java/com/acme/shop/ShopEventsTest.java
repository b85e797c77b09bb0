package com.acme.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.shop.model.Account;
import com.acme.shop.model.LineItem;
import com.acme.shop.model.Order;
import com.acme.shop.model.Payment;
import com.acme.shop.service.AccountService;
import com.acme.shop.service.OrderService;
import com.acme.shop.service.PaymentDeclinedException;
import com.acme.shop.service.PaymentService;
import dev.herald.api.Event;
import dev.herald.testkit.HeraldEvents;
import dev.herald.testkit.HeraldExtension;
import dev.herald.testkit.HeraldSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shop's events, asserted with Herald's test kit: the agent is attached to this test JVM with
 * the config below. The pom runs this class in a surefire execution of its own, so the other test
 * classes of the shop run without Herald, as the shop itself does.
 */
@ExtendWith(HeraldExtension.class)
@HeraldSettings(yaml = """
    services:
      - class: com.acme.shop.service.OrderService
        entity: order
        methods: { placeOrder: create }
      - class: com.acme.shop.service.PaymentService
        entity: payment
        methods: { process: process }
    """)
class ShopEventsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final String GOOD_CARD = "4242424242424242";

  private final AccountService accounts = new AccountService();
  private final OrderService orders = new OrderService(accounts);
  private final PaymentService payments = new PaymentService();

  @Test
  void placingAnOrderEmitsOrderCreateWithTheStoredOrder(HeraldEvents events) {
    long alice = activeAccount();
    List<LineItem> items = List.of(new LineItem("notebook", 3, new BigDecimal("10.00")));

    Order order = orders.placeOrder(alice, items);

    Event created = events.awaitEvent("order.after.create", TIMEOUT);
    assertThat(created.result()).isEqualTo(order);
    assertThat(created.methodName()).isEqualTo("placeOrder");
    assertThat(created.args()).containsExactly(alice, items);
    events.assertEmitted("order.before.create", "order.after.create");
    events.assertNotEmitted("order.failed.*");
  }

  @Test
  void aDeclinedPaymentEmitsPaymentFailedWithTheException(HeraldEvents events) {
    Payment request = Payment.request(7, new BigDecimal("30.00"), PaymentService.DECLINED_CARD);

    assertThatThrownBy(() -> payments.process(request)).isInstanceOf(PaymentDeclinedException.class);

    Event failed = events.awaitEvent("payment.failed.process", TIMEOUT);
    assertThat(failed.error())
        .isInstanceOf(PaymentDeclinedException.class)
        .hasMessage("card ending 0002 declined");
    events.assertEmitted("payment.before.process", "payment.failed.process");
    events.assertNotEmitted("payment.after.process");
  }

  @Test
  void anAcceptedPaymentEmitsPaymentProcessNotFailed(HeraldEvents events) {
    Payment captured = payments.process(Payment.request(7, new BigDecimal("30.00"), GOOD_CARD));

    Event processed = events.awaitEvent("payment.after.process", TIMEOUT);
    assertThat(processed.result()).isEqualTo(captured);
    events.assertNotEmitted("payment.failed.process");
  }

  private long activeAccount() {
    return accounts.activate(accounts.create(Account.draft("Alice", "alice@example.com")).id()).id();
  }
}
