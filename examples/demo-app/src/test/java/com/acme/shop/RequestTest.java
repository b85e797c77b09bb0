package com.acme.shop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

@SuppressWarnings("try") // a Request is a scope, opened for its effect on the MDC
class RequestTest {

  @AfterEach
  void clearMdc() {
    MDC.clear();
  }

  @Test
  void putsActorUserIdAndANewTraceIdIntoTheMdc() {
    String firstTrace;
    try (Request request = Request.by("alice", "1")) {
      assertThat(MDC.get("actor")).isEqualTo("alice");
      assertThat(MDC.get("userId")).isEqualTo("1");
      firstTrace = MDC.get("traceId");
      assertThat(firstTrace).startsWith("trace-");
    }
    try (Request request = Request.by("alice", "1")) {
      assertThat(MDC.get("traceId")).isNotEqualTo(firstTrace);
    }
  }

  @Test
  void leavesUserIdOutWhenThereIsNone() {
    MDC.put("userId", "stale");
    try (Request request = Request.by("alice", null)) {
      assertThat(MDC.get("userId")).isNull();
    }
  }

  @Test
  void restoresWhatTheMdcHeldBefore() {
    MDC.put("actor", "outer");
    try (Request request = Request.by("alice", "1")) {
      assertThat(MDC.get("actor")).isEqualTo("alice");
    }
    assertThat(MDC.get("actor")).isEqualTo("outer");
    assertThat(MDC.get("userId")).isNull();
    assertThat(MDC.get("traceId")).isNull();
  }
}
