package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.api.Event;
import dev.herald.testkit.HeraldEvents;
import dev.herald.testkit.HeraldExtension;
import dev.herald.testkit.HeraldSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(HeraldExtension.class)
@HeraldSettings(file = "classpath:herald-test.yaml")
class OrderServiceTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private final OrderService orders = new OrderService();

  @Test
  void placingAnOrderEmitsCreateWithTheResult(HeraldEvents events) {
    long id = orders.placeOrder("book", 2);

    Event after = events.awaitEvent("order.after.create", TIMEOUT);
    assertThat(after.result()).isEqualTo(id);
    assertThat(after.args()).containsExactly("book", 2);
    assertThat(after.methodName()).isEqualTo("placeOrder");
    events.assertEmitted("order.before.create", "order.after.create");
  }

  @Test
  void aRejectedOrderEmitsFailedWithTheException(HeraldEvents events) {
    assertThatThrownBy(() -> orders.placeOrder("book", 0)).isInstanceOf(IllegalArgumentException.class);

    Event failed = events.awaitEvent("order.failed.create", TIMEOUT);
    assertThat(failed.error()).hasMessageContaining("quantity must be positive");
    events.assertNotEmitted("order.after.create");
  }

  @Test
  void eachTestStartsWithNoEvents(HeraldEvents events) {
    orders.describe(1);

    assertThat(events.events()).isEmpty();
  }

  @Test
  void aMissingEventFailsSayingWhatArrivedInstead(HeraldEvents events) {
    orders.cancel(7);

    assertThatThrownBy(() -> events.awaitEvent("order.after.create", Duration.ofMillis(200)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no event order.after.create")
        .hasMessageContaining("order.before.delete, order.after.delete");
    assertThatThrownBy(() -> events.assertEmitted("order.after.delete", "order.after.create"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("order.after.create did not follow");
  }
}
