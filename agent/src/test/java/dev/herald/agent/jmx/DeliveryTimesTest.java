package dev.herald.agent.jmx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.api.Event;
import dev.herald.api.EventListener;
import dev.herald.api.Phase;
import org.junit.jupiter.api.Test;

class DeliveryTimesTest {

  private final DeliveryTimes times = new DeliveryTimes();
  private final Event event = Event.builder("order", Phase.AFTER, "create").build();

  @Test
  void twoSubscriptionsOfOneListenerClassOnDifferentPatternsAreTimedApart() throws Exception {
    EventListener slow = times.timed("audit:Writer", "order.*.*", e -> Thread.sleep(200));
    EventListener quick = times.timed("audit:Writer", "payment.*.*", e -> { });

    slow.onEvent(event);
    quick.onEvent(event);

    assertThat(times.slowestMillis("audit:Writer", "order.*.*")).isGreaterThanOrEqualTo(200);
    assertThat(times.slowestMillis("audit:Writer", "payment.*.*")).isBetween(0.0, 199.0);
    assertThat(times.slowestMillis("audit:Writer", "stock.*.*")).as("not measured").isEqualTo(-1);
  }
}
