package com.acme.shop;

import com.acme.shop.service.AccountService;
import com.acme.shop.service.InventoryService;
import com.acme.shop.service.OrderService;
import com.acme.shop.service.PaymentService;
import java.time.Duration;
import java.util.Map;

/**
 * The shop's services, wired together. {@link #close} stops the warehouse thread.
 *
 * @param accounts customer accounts
 * @param orders orders, which need an active account
 * @param payments card payments
 * @param inventory the warehouse's stock
 */
record Shop(AccountService accounts, OrderService orders, PaymentService payments,
    InventoryService inventory) implements AutoCloseable {

  /** What the warehouse holds when the shop opens: plenty of notebooks and pens, no desk lamps. */
  static final Map<String, Integer> OPENING_STOCK = Map.of("notebook", 40, "fountain-pen", 5, "desk-lamp", 0);

  /** How long the warehouse takes to answer a reservation. */
  static final Duration WAREHOUSE_HANDLING_TIME = Duration.ofMillis(80);

  /** A shop with {@link #OPENING_STOCK} and no accounts, orders or payments yet. */
  static Shop open() {
    AccountService accounts = new AccountService();
    return new Shop(accounts, new OrderService(accounts), new PaymentService(),
        new InventoryService(OPENING_STOCK, WAREHOUSE_HANDLING_TIME));
  }

  @Override
  public void close() {
    inventory.close();
  }
}
