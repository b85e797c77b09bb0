package com.acme.shop;

import java.time.Duration;

/**
 * The demo shop's entry point: opens the shop, tells {@link ShopStory}, closes the shop.
 *
 * <p>The system property {@code shop.pace} sets the pause between the story's steps (default
 * {@code 150ms}; {@code 0} for none), so that a person can follow, and so that output arriving
 * from other threads lands under the step it belongs to.
 */
public final class ShopApp {

  private ShopApp() {}

  public static void main(String[] args) throws Exception {
    Duration pace = parseMillis(System.getProperty("shop.pace", "150ms"));
    try (Shop shop = Shop.open()) {
      new ShopStory(shop, System.out, pace).run();
    }
  }

  private static Duration parseMillis(String text) {
    String trimmed = text.strip();
    String digits = trimmed.endsWith("ms") ? trimmed.substring(0, trimmed.length() - 2) : trimmed;
    long millis;
    try {
      millis = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("shop.pace must be milliseconds, like 100ms; was " + text, e);
    }
    if (millis < 0) {
      throw new IllegalArgumentException("shop.pace must not be negative; was " + text);
    }
    return Duration.ofMillis(millis);
  }
}
