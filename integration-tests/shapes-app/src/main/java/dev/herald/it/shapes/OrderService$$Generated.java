package dev.herald.it.shapes;

/**
 * Stands for a CGLIB or Byte Buddy generated subclass (its name holds {@code $$}): never
 * instrumented itself, so a call through it emits only from the real {@link OrderService} code.
 */
public class OrderService$$Generated extends OrderService {

  @Override
  public Order create(Order order) {
    return super.create(order);
  }
}
