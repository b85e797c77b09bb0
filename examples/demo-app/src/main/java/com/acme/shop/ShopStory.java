package com.acme.shop;

import com.acme.shop.model.Account;
import com.acme.shop.model.LineItem;
import com.acme.shop.model.Order;
import com.acme.shop.model.Payment;
import com.acme.shop.model.Reservation;
import com.acme.shop.service.PaymentDeclinedException;
import com.acme.shop.service.PaymentService;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The demo's story, told as short narration lines: Alice signs up and is activated, orders
 * notebooks and a desk lamp and pays, the warehouse reserves her items asynchronously (the lamps
 * are out of stock), her second order's card is declined, and support cancels that order.
 *
 * <p>Every step runs in its own {@link Request}, so the MDC names who acts. The story is the same on
 * every run. Use once, from one thread.
 */
@SuppressWarnings("try") // a Request is a scope: it is opened for what it does to the MDC, never referenced
final class ShopStory {

  static final String GOOD_CARD = "4242424242424242";
  static final String DECLINED_CARD = PaymentService.DECLINED_CARD;

  private static final BigDecimal NOTEBOOK = new BigDecimal("10.00");
  private static final BigDecimal DESK_LAMP = new BigDecimal("45.00");
  private static final BigDecimal FOUNTAIN_PEN = new BigDecimal("60.00");

  private final Shop shop;
  private final PrintStream out;
  private final Duration pace;
  private int step;

  /** @param pace the pause before each step; {@link Duration#ZERO} for none */
  ShopStory(Shop shop, PrintStream out, Duration pace) {
    this.shop = shop;
    this.out = out;
    this.pace = pace;
  }

  void run() throws InterruptedException {
    Account alice = signUp();
    activate(alice);
    Order notebooks = placeOrder(alice, "Alice orders 3 notebooks and a desk lamp",
        new LineItem("notebook", 3, NOTEBOOK), new LineItem("desk-lamp", 1, DESK_LAMP));
    pay(alice, notebooks, GOOD_CARD);
    reserveStock(alice, notebooks);
    Order pen = placeOrder(alice, "Alice orders a fountain pen", new LineItem("fountain-pen", 1, FOUNTAIN_PEN));
    pay(alice, pen, DECLINED_CARD);
    cancel(pen);
    out.println();
    out.printf("The end: %d account, %d order open, %d payment, %d reservation.%n",
        shop.accounts().findAll().size(), shop.orders().findAll().size(),
        shop.payments().findAll().size(), shop.inventory().findAll().size());
  }

  private Account signUp() throws InterruptedException {
    step("Alice signs up");
    try (Request request = Request.by("alice", null)) {
      Account account = shop.accounts().create(Account.draft("Alice", "alice@example.com"));
      say("account %d created, %s", account.id(), account.status());
      return account;
    }
  }

  private void activate(Account account) throws InterruptedException {
    step("Alice confirms her e-mail address");
    try (Request request = userRequest(account)) {
      Account active = shop.accounts().activate(account.id());
      say("account %d is %s", active.id(), active.status());
    }
  }

  private Order placeOrder(Account account, String title, LineItem... items) throws InterruptedException {
    step(title);
    try (Request request = userRequest(account)) {
      Order order = shop.orders().placeOrder(account.id(), List.of(items));
      say("order %d placed, total %s", order.id(), order.total());
      return order;
    }
  }

  private void pay(Account account, Order order, String card) throws InterruptedException {
    step(String.format("Alice pays %s for order %d by card", order.total(), order.id()));
    try (Request request = userRequest(account)) {
      Payment payment = shop.payments().process(Payment.request(order.id(), order.total(), card));
      say("payment %d captured from the card ending %s", payment.id(), payment.cardLastFour());
    } catch (PaymentDeclinedException e) {
      say("payment declined: %s", e.getMessage());
    }
  }

  private void reserveStock(Account account, Order order) throws InterruptedException {
    step(String.format("The warehouse reserves order %d's items, asynchronously", order.id()));
    List<CompletableFuture<Reservation>> reservations;
    try (Request request = userRequest(account)) {
      reservations = order.items().stream()
          .map(item -> shop.inventory().reserve(order.id(), item.sku(), item.quantity()))
          .toList();
      say("asked for %d reservations; the shop carries on while the warehouse works", reservations.size());
    }
    for (int i = 0; i < reservations.size(); i++) {
      LineItem item = order.items().get(i);
      say("%s x %d: %s", item.sku(), item.quantity(), outcome(reservations.get(i)));
    }
  }

  private void cancel(Order order) throws InterruptedException {
    step(String.format("Support cancels the unpaid order %d", order.id()));
    try (Request request = Request.by("support-bob", "staff-7")) {
      Order cancelled = shop.orders().cancel(order.id());
      say("order %d %s", cancelled.id(), cancelled.status());
    }
  }

  private static Request userRequest(Account account) {
    return Request.by("alice", String.valueOf(account.id()));
  }

  private static String outcome(CompletableFuture<Reservation> reservation) throws InterruptedException {
    try {
      return "reserved (reservation " + reservation.get(5, TimeUnit.SECONDS).id() + ")";
    } catch (ExecutionException e) {
      return "failed, " + e.getCause().getMessage();
    } catch (TimeoutException e) {
      return "no answer from the warehouse within 5 s";
    }
  }

  private void step(String title) throws InterruptedException {
    if (!pace.isZero()) {
      Thread.sleep(pace.toMillis()); // pacing for the reader, not waiting for anything
    }
    out.println();
    out.printf("== %d. %s%n", ++step, title);
  }

  private void say(String format, Object... args) {
    out.println("   " + String.format(format, args));
  }
}
