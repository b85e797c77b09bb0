/**
 * A small "legacy" application for Herald's integration tests: it brings its own, older Byte Buddy,
 * SLF4J and Logback, uses them at run time, and has one service ({@link
 * org.example.legacy.InventoryService}) whose writes the tests configure Herald to report.
 *
 * <p>Run it with {@code java -jar legacy-libs-app.jar}; it logs through its own {@code logback.xml}
 * as {@code APPLOG|level|logger|message} on standard output and exits 0 when done.
 */
package org.example.legacy;
