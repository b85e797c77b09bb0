package dev.herald.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.agent.config.ServiceEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveChangesTest {

  private static ServiceEntry entry(int index, String pattern, String entity, boolean enabled) {
    return new ServiceEntry(index, index + 2, pattern, entity, Map.of(), true, enabled);
  }

  @Test
  void aReloadThatChangesRulesAlsoReportsTheFlagsThatFlippedWithIt() {
    List<ServiceEntry> now = List.of(
        entry(0, "com.acme.OrderService", "order", true),
        entry(1, "com.acme.StockService", "stock", true),
        entry(2, "com.acme.OldService", "old", true));
    List<ServiceEntry> next = List.of(
        entry(0, "com.acme.OrderService", "purchase", false),
        entry(1, "com.acme.StockService", "stock", false),
        entry(2, "com.acme.NewService", "new", false));

    assertThat(LiveChanges.describeDifference(now, next)).isEqualTo(
        "~com.acme.OrderService (disabled) com.acme.StockService disabled +com.acme.NewService (disabled)"
            + " -com.acme.OldService");
  }

  @Test
  void aRefusedAddServiceNamesPositionsInTheTextTheOperatorGave() {
    assertThatThrownBy(() -> LiveChanges.parseEntry("{class: 9nine}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("addService:1:9: services[0].class: ");
    assertThatThrownBy(() -> LiveChanges.parseEntry("class: com.acme.OrderService\nentity: [order, stock]"))
        .hasMessageContaining("addService:2:9: services[0].entity: ");
  }
}
