package dev.herald.it.shapes;

/**
 * Configured as entity {@code order}: an override calling {@code super.create} (and so a bridge
 * {@code create(Object)}), an overload delegating to it, an override of {@code update} without
 * super (another bridge), and two methods the config maps by glob.
 */
public class OrderService extends BaseService<Order> {

  @Override
  public Order create(Order order) {
    return super.create(order);
  }

  /** An overload that delegates: one call, one event pair. */
  public Order create(String id, long cents) {
    return create(new Order(id, cents));
  }

  @Override
  public Order update(Order order) {
    return order;
  }

  public Order placeOrder(Order order) {
    return order;
  }

  public void cancel(String id) {
    // nothing to cancel in a test
  }
}
