/**
 * Herald's test kit: assert, in an application's own JUnit tests, the events its services emit.
 *
 * <p>{@link dev.herald.testkit.HeraldExtension} installs Herald (once per test JVM) and captures
 * events; {@link dev.herald.testkit.HeraldEvents} waits for and asserts them, and says what arrived
 * instead when an assertion fails. A compiled example is {@code testkit/src/test/java/com/example/shop}.
 */
package dev.herald.testkit;
