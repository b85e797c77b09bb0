package dev.herald.agent.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BusOptionsTest {

  @Test
  void defaultsMatchTheDocumentedConfig() {
    assertThat(BusOptions.DEFAULTS).isEqualTo(new BusOptions(
        8192, OverflowPolicy.BLOCK, Duration.ofMillis(50), 2, Duration.ofSeconds(5)));
  }

  @Test
  void overflowPolicyRoundTripsThroughItsConfigName() {
    for (OverflowPolicy policy : OverflowPolicy.values()) {
      assertThat(OverflowPolicy.fromConfigName(policy.configName())).isSameAs(policy);
    }
    assertThat(OverflowPolicy.DROP_OLDEST.configName()).isEqualTo("drop-oldest");
    assertThat(OverflowPolicy.fromConfigName(" Drop-Newest ")).isSameAs(OverflowPolicy.DROP_NEWEST);
  }

  @Test
  void unknownOverflowNamesTheAcceptedValues() {
    assertThatThrownBy(() -> OverflowPolicy.fromConfigName("drop_oldest"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("drop_oldest")
        .hasMessageContaining("block, drop-newest, drop-oldest");
  }

  @Test
  void rejectsOutOfRangeSettingsByTheirConfigKey() {
    assertThatThrownBy(() -> BusOptions.DEFAULTS.withQueueCapacity(0))
        .hasMessageContaining("queue-capacity");
    assertThatThrownBy(() -> BusOptions.DEFAULTS.withThreads(0)).hasMessageContaining("threads");
    assertThatThrownBy(() -> BusOptions.DEFAULTS.withBlockTimeout(Duration.ofMillis(-1)))
        .hasMessageContaining("block-timeout");
    assertThatThrownBy(() -> BusOptions.DEFAULTS.withShutdownTimeout(Duration.ofMillis(-1)))
        .hasMessageContaining("shutdown-timeout");
    assertThatThrownBy(() -> BusOptions.DEFAULTS.withOverflow(null))
        .isInstanceOf(NullPointerException.class);
  }
}
