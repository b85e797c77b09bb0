package com.acme.shop.service;

import com.acme.shop.model.Account;
import com.acme.shop.model.LineItem;
import com.acme.shop.model.Order;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders: {@link #placeOrder} and {@link #cancel}, built on the shared create and delete.
 *
 * <p>Safe for concurrent use.
 */
public class OrderService extends BaseService<Order> {

  private static final Logger log = LoggerFactory.getLogger(OrderService.class);

  private final AccountService accounts;

  public OrderService(AccountService accounts) {
    super("order");
    this.accounts = Objects.requireNonNull(accounts, "accounts");
  }

  /**
   * Places an order of {@code items} for an active account.
   *
   * @return the stored order, with its id and total
   * @throws java.util.NoSuchElementException if there is no such account
   * @throws IllegalStateException if the account is not active
   */
  public Order placeOrder(long accountId, List<LineItem> items) {
    Account account = accounts.get(accountId);
    if (account.status() != Account.Status.ACTIVE) {
      throw new IllegalStateException("account " + accountId + " is " + account.status());
    }
    Order order = create(Order.draft(accountId, items));
    log.debug("order {} placed, total {}", order.id(), order.total());
    return order;
  }

  /**
   * Cancels an order: removes it and returns it marked cancelled.
   *
   * @throws java.util.NoSuchElementException if there is no such order
   */
  public Order cancel(long orderId) {
    Order cancelled = delete(orderId).withStatus(Order.Status.CANCELLED);
    log.debug("order {} cancelled", orderId);
    return cancelled;
  }

  @Override
  protected Order withId(Order draft, long id) {
    return draft.withId(id);
  }
}
