package com.acme.shop.service;

import com.acme.shop.model.Reservation;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warehouse's stock, reserved asynchronously: {@link #reserve} answers at once with a future
 * that the warehouse thread completes a little later.
 *
 * <p>Reservations are handled one at a time, in the order they were asked for, on one daemon
 * thread named {@code warehouse}; the caller's MDC goes with each, so that the warehouse's log
 * lines carry the request's actor and trace id. Safe for concurrent use. {@link #close} stops the
 * warehouse thread.
 */
public class InventoryService extends BaseService<Reservation> implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(InventoryService.class);

  private final Map<String, Integer> stock;
  private final ExecutorService warehouse;
  private final Executor afterHandlingTime;

  /**
   * @param initialStock how many of each product the warehouse holds
   * @param handlingTime how long the warehouse takes to answer a reservation
   */
  public InventoryService(Map<String, Integer> initialStock, Duration handlingTime) {
    super("reservation");
    this.stock = new HashMap<>(initialStock);
    this.warehouse = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "warehouse");
      // A shop that forgets close() must still be able to exit.
      thread.setDaemon(true);
      return thread;
    });
    this.afterHandlingTime =
        CompletableFuture.delayedExecutor(handlingTime.toNanos(), TimeUnit.NANOSECONDS, warehouse);
  }

  /**
   * Asks the warehouse to set aside {@code quantity} of {@code sku} for an order.
   *
   * @return a future completed on the warehouse thread with the stored reservation, or
   *     exceptionally with an {@link OutOfStockException} if there is too little in stock
   */
  public CompletableFuture<Reservation> reserve(long orderId, String sku, int quantity) {
    Objects.requireNonNull(sku, "sku");
    Map<String, String> requestContext = Mdc.capture();
    return CompletableFuture.supplyAsync(
        () -> Mdc.callWith(requestContext, () -> take(orderId, sku, quantity)), afterHandlingTime);
  }

  /** How many of {@code sku} are in stock and not reserved. */
  public int available(String sku) {
    synchronized (stock) {
      return stock.getOrDefault(sku, 0);
    }
  }

  /** Stops the warehouse thread, waiting up to five seconds for the reservation it is handling. */
  @Override
  public void close() {
    warehouse.shutdown();
    try {
      if (!warehouse.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("warehouse thread still busy after 5 s; leaving it behind");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  protected Reservation withId(Reservation draft, long id) {
    return draft.withId(id);
  }

  private Reservation take(long orderId, String sku, int quantity) {
    synchronized (stock) {
      int available = stock.getOrDefault(sku, 0);
      if (available < quantity) {
        log.debug("cannot reserve {} x {} for order {}", quantity, sku, orderId);
        throw new OutOfStockException(sku, quantity, available);
      }
      stock.put(sku, available - quantity);
    }
    // insert, not create: storing is part of the reservation, not an operation of its own.
    Reservation reservation = insert(new Reservation(0, orderId, sku, quantity));
    log.debug("reserved {} x {} for order {}", quantity, sku, orderId);
    return reservation;
  }
}
