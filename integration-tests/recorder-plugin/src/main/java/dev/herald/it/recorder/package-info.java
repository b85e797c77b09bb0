/**
 * The recorder plugin of the integration tests: every event it is subscribed to becomes one JSON
 * line in a file, which {@code dev.herald.it.Recording} reads back. Not a user-facing plugin.
 */
package dev.herald.it.recorder;
