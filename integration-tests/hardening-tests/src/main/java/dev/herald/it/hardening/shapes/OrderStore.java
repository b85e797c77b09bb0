package dev.herald.it.hardening.shapes;

/** Configured; overrides the generic {@code create} (so javac adds a bridge) and calls super. */
public class OrderStore extends GenericStore<Order, Long> {

  @Override
  public Order create(Order order) {
    return super.create(new Order(order.id(), order.item().toUpperCase(java.util.Locale.ROOT)));
  }

  @Override
  public Long idOf(Order order) {
    return order.id();
  }
}
