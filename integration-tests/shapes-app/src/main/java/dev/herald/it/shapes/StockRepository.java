package dev.herald.it.shapes;

/** A configured interface whose only implementation is a JDK dynamic proxy, like a Spring Data repository. */
public interface StockRepository {

  String create(String sku, int quantity);
}
