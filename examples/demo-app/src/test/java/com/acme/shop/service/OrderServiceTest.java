package com.acme.shop.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.shop.model.Account;
import com.acme.shop.model.LineItem;
import com.acme.shop.model.Order;
import java.math.BigDecimal;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class OrderServiceTest {

  private final AccountService accounts = new AccountService();
  private final OrderService orders = new OrderService(accounts);

  @Test
  void placesAnOrderWithItsTotalForAnActiveAccount() {
    long alice = activeAccount();

    Order order = orders.placeOrder(alice, List.of(
        new LineItem("notebook", 3, new BigDecimal("10.00")),
        new LineItem("pen", 2, new BigDecimal("2.50"))));

    assertThat(order.id()).isEqualTo(1);
    assertThat(order.total()).isEqualByComparingTo("35.00");
    assertThat(order.total().toPlainString()).isEqualTo("35.00");
    assertThat(order.status()).isEqualTo(Order.Status.PLACED);
    assertThat(orders.get(1)).isEqualTo(order);
  }

  @Test
  void refusesAnOrderOfAnAccountThatIsNotActive() {
    long pending = accounts.create(Account.draft("Pat", "pat@example.com")).id();
    List<LineItem> items = List.of(new LineItem("notebook", 1, BigDecimal.TEN));

    assertThatThrownBy(() -> orders.placeOrder(pending, items))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("PENDING");
    assertThatThrownBy(() -> orders.placeOrder(99, items)).isInstanceOf(NoSuchElementException.class);
    assertThat(orders.findAll()).isEmpty();
  }

  @Test
  void cancelRemovesTheOrderAndReturnsItCancelled() {
    long alice = activeAccount();
    Order order = orders.placeOrder(alice, List.of(new LineItem("notebook", 1, BigDecimal.TEN)));

    Order cancelled = orders.cancel(order.id());

    assertThat(cancelled.status()).isEqualTo(Order.Status.CANCELLED);
    assertThat(cancelled.id()).isEqualTo(order.id());
    assertThat(orders.find(order.id())).isEmpty();
    assertThatThrownBy(() -> orders.cancel(order.id())).isInstanceOf(NoSuchElementException.class);
  }

  private long activeAccount() {
    return accounts.activate(accounts.create(Account.draft("Alice", "alice@example.com")).id()).id();
  }
}
