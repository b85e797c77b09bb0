package com.acme.shop.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.acme.shop.model.Reservation;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class InventoryServiceTest {

  private final InventoryService inventory =
      new InventoryService(Map.of("notebook", 5, "desk-lamp", 0), Duration.ofMillis(10));

  @AfterEach
  void stopWarehouse() {
    inventory.close();
    MDC.clear();
  }

  @Test
  void completesAReservationLaterOnTheWarehouseThread() throws Exception {
    AtomicReference<String> completedOn = new AtomicReference<>();
    // slower than the shared one: with 10 ms, a busy machine let the warehouse complete the future
    // before whenComplete was attached, which then ran on this thread
    try (InventoryService slow = new InventoryService(Map.of("notebook", 5), Duration.ofMillis(500))) {
      CompletableFuture<Reservation> reservation = slow.reserve(1, "notebook", 3)
          .whenComplete((done, error) -> completedOn.set(Thread.currentThread().getName()));

      assertThat(reservation.get(5, TimeUnit.SECONDS))
          .isEqualTo(new Reservation(1, 1, "notebook", 3));
      assertThat(completedOn.get()).as("thread that completed the future").isEqualTo("warehouse");
      assertThat(slow.available("notebook")).isEqualTo(2);
      assertThat(slow.get(1)).isEqualTo(reservation.get());
    }
  }

  @Test
  void failsAsynchronouslyWhenStockIsShort() {
    CompletableFuture<Reservation> lamp = inventory.reserve(1, "desk-lamp", 1);
    CompletableFuture<Reservation> tooMany = inventory.reserve(1, "notebook", 6);

    assertThatThrownBy(() -> lamp.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(OutOfStockException.class)
        .hasMessage("desk-lamp out of stock: 1 wanted, 0 available");
    assertThatThrownBy(() -> tooMany.get(5, TimeUnit.SECONDS))
        .cause().isInstanceOf(OutOfStockException.class);
    assertThat(inventory.available("notebook")).isEqualTo(5);
    assertThat(inventory.findAll()).isEmpty();
  }

  @Test
  void logsOnTheWarehouseThreadWithTheCallersMdc() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(InventoryService.class);
    ListAppender<ILoggingEvent> captured = new ListAppender<>() {
      @Override
      protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing(); // takes thread name and MDC now, on the logging thread
        super.append(event);
      }
    };
    captured.start();
    logger.addAppender(captured);
    logger.setLevel(Level.DEBUG);
    logger.setAdditive(false); // keep the console quiet
    try {
      MDC.put("traceId", "trace-42");
      inventory.reserve(1, "notebook", 1).get(5, TimeUnit.SECONDS);
    } finally {
      logger.detachAppender(captured);
      logger.setLevel(null);
      logger.setAdditive(true);
    }

    assertThat(captured.list).singleElement().satisfies(line -> {
      assertThat(line.getThreadName()).isEqualTo("warehouse");
      assertThat(line.getMDCPropertyMap()).containsEntry("traceId", "trace-42");
    });
    assertThat(MDC.get("traceId")).as("the caller's own MDC").isEqualTo("trace-42");
  }
}
