package org.example.legacy;

import ch.qos.logback.classic.LoggerContext;
import net.bytebuddy.ByteBuddy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's entry point: reports the libraries it runs with, then makes a fixed set of
 * writes through a Byte Buddy subclass of {@link InventoryService}, and exits 0.
 *
 * <p>The writes, in order: create apple, create pear, update apple, update plum (fails: unknown),
 * delete pear. LegacyLibsIT expects exactly the events of these calls.
 */
public final class LegacyApp {

  private static final Logger log = LoggerFactory.getLogger(LegacyApp.class);

  private LegacyApp() {}

  /** Runs the application; arguments are ignored. */
  public static void main(String[] args) throws Exception {
    log.info("legacy app starting");
    log.info("byte-buddy {}", LibraryVersions.of(ByteBuddy.class, "net.bytebuddy", "byte-buddy"));
    log.info("slf4j-api {}", LibraryVersions.of(Logger.class, "org.slf4j", "slf4j-api"));
    log.info("logback-classic {}",
        LibraryVersions.of(LoggerContext.class, "ch.qos.logback", "logback-classic"));
    log.info("slf4j binding {}", LoggerFactory.getILoggerFactory().getClass().getName());

    InventoryService inventory = CountingProxies.counting(InventoryService.class);
    log.info("service class {}", inventory.getClass().getName());
    inventory.create("apple", 3);
    inventory.create("pear", 5);
    inventory.update("apple", 4);
    try {
      inventory.update("plum", 1);
    } catch (IllegalArgumentException expected) {
      log.warn("update refused: {}", expected.getMessage());
    }
    inventory.delete("pear");

    log.info("generated subclass counted {} calls", CountingProxies.calls());
    log.info("stock {}", inventory.items().keySet());
    log.info("legacy app done");
  }
}
