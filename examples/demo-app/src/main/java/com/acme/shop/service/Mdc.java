package com.acme.shop.service;

import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Carries the SLF4J MDC of a request over to the thread that finishes it, as asynchronous code
 * must: the MDC is per thread, and a pool thread would otherwise log with whatever it had before.
 */
final class Mdc {

  private Mdc() {}

  /** The calling thread's MDC; null if it is empty. */
  static Map<String, String> capture() {
    return MDC.getCopyOfContextMap();
  }

  /**
   * Runs {@code work} with {@code context} as this thread's MDC, then restores the MDC it had.
   *
   * @param context an MDC from {@link #capture}, may be null
   */
  static <T> T callWith(Map<String, String> context, Supplier<T> work) {
    Map<String, String> previous = MDC.getCopyOfContextMap();
    set(context);
    try {
      return work.get();
    } finally {
      set(previous);
    }
  }

  private static void set(Map<String, String> context) {
    if (context == null) {
      MDC.clear();
    } else {
      MDC.setContextMap(context);
    }
  }
}
