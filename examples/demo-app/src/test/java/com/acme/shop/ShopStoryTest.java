package com.acme.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.shop.model.Account;
import com.acme.shop.model.Order;
import com.acme.shop.model.Payment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShopStoryTest {

  @Test
  void tellsTheWholeStoryInEightSteps() throws Exception {
    String told = tell(Shop.open());

    assertThat(told.lines().filter(line -> line.startsWith("== ")))
        .extracting(line -> line.substring(0, 5))
        .containsExactly("== 1.", "== 2.", "== 3.", "== 4.", "== 5.", "== 6.", "== 7.", "== 8.");
    assertThat(told)
        .contains("account 1 is ACTIVE")
        .contains("order 1 placed, total 75.00")
        .contains("payment 1 captured from the card ending 4242")
        .contains("notebook x 3: reserved (reservation 1)")
        .contains("desk-lamp x 1: failed, desk-lamp out of stock")
        .contains("payment declined: card ending 0002 declined")
        .contains("order 2 CANCELLED")
        .contains("The end: 1 account, 1 order open, 1 payment, 1 reservation.");
  }

  @Test
  void leavesTheShopInTheStateTheStoryDescribes() throws Exception {
    try (Shop shop = Shop.open()) {
      tell(shop);

      assertThat(shop.accounts().get(1).status()).isEqualTo(Account.Status.ACTIVE);
      assertThat(shop.orders().findAll()).extracting(Order::id).containsExactly(1L);
      assertThat(shop.payments().findAll()).singleElement()
          .satisfies(payment -> assertThat(payment.status()).isEqualTo(Payment.Status.CAPTURED))
          .satisfies(payment -> assertThat(payment.orderId()).isEqualTo(1L));
      assertThat(shop.inventory().available("notebook")).isEqualTo(Shop.OPENING_STOCK.get("notebook") - 3);
      assertThat(shop.inventory().available("desk-lamp")).isZero();
    }
  }

  @Test
  void neverPrintsAFullCardNumber() throws Exception {
    assertThat(tell(Shop.open()))
        .doesNotContain(ShopStory.GOOD_CARD)
        .doesNotContain(ShopStory.DECLINED_CARD);
  }

  private static String tell(Shop shop) throws InterruptedException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      new ShopStory(shop, out, Duration.ZERO).run();
    } finally {
      shop.close();
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
