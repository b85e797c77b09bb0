package com.acme.shop.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class MdcTest {

  @AfterEach
  void clearMdc() {
    MDC.clear();
  }

  @Test
  void runsWithTheCapturedContextThenRestoresTheThreadsOwn() {
    MDC.put("actor", "alice");
    Map<String, String> captured = Mdc.capture();
    MDC.put("actor", "pool-leftover");

    String seen = Mdc.callWith(captured, () -> MDC.get("actor"));

    assertThat(seen).isEqualTo("alice");
    assertThat(MDC.get("actor")).isEqualTo("pool-leftover");
  }

  @Test
  void runsWithAnEmptyMdcWhenNothingWasCaptured() {
    MDC.put("actor", "pool-leftover");

    String seen = Mdc.callWith(null, () -> MDC.get("actor"));

    assertThat(seen).isNull();
    assertThat(MDC.get("actor")).isEqualTo("pool-leftover");
  }
}
