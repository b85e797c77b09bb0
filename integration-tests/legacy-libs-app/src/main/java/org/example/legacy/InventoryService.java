package org.example.legacy;

import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's one service: an in-memory inventory whose write methods ({@code create},
 * {@code update}, {@code delete}) are the ones Herald reports when configured.
 *
 * <p>Not final and with a public constructor, so that {@link CountingProxies} can subclass it with
 * Byte Buddy. Not safe for concurrent use.
 */
public class InventoryService {

  private static final Logger log = LoggerFactory.getLogger(InventoryService.class);

  private final Map<String, Item> items = new TreeMap<>();

  /** Creates an empty inventory. */
  public InventoryService() {}

  /** Adds a stock line; fails if {@code sku} is already there. */
  public Item create(String sku, int quantity) {
    if (items.containsKey(sku)) {
      throw new IllegalArgumentException("already in stock: " + sku);
    }
    Item item = new Item(sku, quantity);
    items.put(sku, item);
    log.info("created {}", sku);
    return item;
  }

  /** Changes a stock line's quantity; fails if {@code sku} is unknown. */
  public Item update(String sku, int quantity) {
    if (!items.containsKey(sku)) {
      throw new IllegalArgumentException("unknown sku: " + sku);
    }
    Item item = new Item(sku, quantity);
    items.put(sku, item);
    log.info("updated {}", sku);
    return item;
  }

  /** Removes a stock line; true if it was there. */
  public boolean delete(String sku) {
    boolean removed = items.remove(sku) != null;
    log.info("deleted {}: {}", sku, removed);
    return removed;
  }

  /** The stock lines by sku, a copy; a read, so never reported. */
  public Map<String, Item> items() {
    return new TreeMap<>(items);
  }
}
