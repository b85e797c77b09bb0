package com.acme.shop;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.MDC;

/**
 * One request to the shop: for as long as it is open, the calling thread's SLF4J MDC holds who
 * acts ({@value #ACTOR}), their user id ({@value #USER_ID}, if known) and a new trace id ({@value
 * #TRACE_ID}). Closing it restores what the MDC held before.
 *
 * <p>Trace ids count up ({@code trace-1}, {@code trace-2}, ...) so that the demo's output is the
 * same on every run. Use on one thread, in try-with-resources.
 */
final class Request implements AutoCloseable {

  static final String ACTOR = "actor";
  static final String USER_ID = "userId";
  static final String TRACE_ID = "traceId";

  private static final AtomicLong lastTrace = new AtomicLong();

  private final Map<String, String> previous = new HashMap<>();

  private Request(String actor, String userId) {
    put(ACTOR, actor);
    put(USER_ID, userId);
    put(TRACE_ID, "trace-" + lastTrace.incrementAndGet());
  }

  /**
   * Opens a request by {@code actor}.
   *
   * @param userId the actor's user id, or null if they have none (yet)
   */
  static Request by(String actor, String userId) {
    return new Request(actor, userId);
  }

  @Override
  public void close() {
    previous.forEach(Request::set);
  }

  private void put(String key, String value) {
    previous.put(key, MDC.get(key));
    set(key, value);
  }

  private static void set(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
