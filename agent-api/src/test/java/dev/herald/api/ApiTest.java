package dev.herald.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApiTest {

  @Test
  void builderNamesEventAndTakesContextOfTheCallingThread() {
    Event event;
    try (EventContext.Scope scope = EventContext.of("alice", "u1", "t1").open()) {
      event = Event.builder("order", Phase.AFTER, "create").args("a", null).result(42).build();
    }
    assertThat(event.name()).isEqualTo("order.after.create");
    assertThat(event.args()).containsExactly("a", null);
    assertThat(event.result()).isEqualTo(42);
    assertThat(event.actor()).isEqualTo("alice");
    assertThat(event.userId()).isEqualTo("u1");
    assertThat(event.traceId()).isEqualTo("t1");
    assertThat(event.duration()).isEqualTo(Duration.ZERO);
    assertThat(EventContext.current()).isSameAs(EventContext.EMPTY);
  }

  @Test
  void builderRefusesBadSegments() {
    assertThatThrownBy(() -> Event.builder("or.der", Phase.BEFORE, "create"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("or.der");
    assertThatThrownBy(() -> Event.builder("order", Phase.BEFORE, ""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void scopesNestAndRestore() {
    try (EventContext.Scope outer = EventContext.current().withActor("a").open()) {
      try (EventContext.Scope inner = EventContext.current().withUserId("u").open()) {
        assertThat(EventContext.current()).isEqualTo(EventContext.of("a", "u", null));
      }
      assertThat(EventContext.current()).isEqualTo(EventContext.of("a", null, null));
    }
    assertThat(EventContext.current()).isSameAs(EventContext.EMPTY);
  }

  @Test
  void patternsMatchWholeSegments() {
    assertThat(EventPattern.matches("order.*.*", "order.after.create")).isTrue();
    assertThat(EventPattern.matches("*.failed.*", "payment.failed.process")).isTrue();
    assertThat(EventPattern.matches("*.failed.*", "payment.after.process")).isFalse();
    assertThat(EventPattern.matches("order.after.create", "order.after.created")).isFalse();
    assertThat(EventPattern.matches("ord.*.*", "order.after.create")).isFalse();
  }

  @Test
  void patternCheckExplainsWhatIsWrong() {
    assertThatThrownBy(() -> EventPattern.check("order.*"))
        .hasMessageContaining("three segments");
    assertThatThrownBy(() -> EventPattern.check("order.later.*"))
        .hasMessageContaining("later");
    assertThat(EventPattern.check("*.*.*")).isEqualTo("*.*.*");
  }

  @Test
  void busWithoutAgentAcceptsEverythingAndDeliversNothing() {
    assertThat(Herald.installed()).isFalse();
    Subscription s = Herald.bus().on("order.*.*", e -> { throw new AssertionError("delivered"); });
    Herald.bus().publish(Event.builder("order", Phase.BEFORE, "create").build());
    assertThat(Herald.bus().flush(Duration.ofSeconds(1))).isTrue();
    assertThat(s.statistics().delivered()).isZero();
    s.close();
  }
}
