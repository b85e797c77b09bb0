/**
 * Integration tests: each forks JVMs with {@code -javaagent:<the built agent jar>}, real YAML
 * configs in a temporary folder and real plugin jars, and checks what a user would see: the events
 * the recorder plugin wrote, the application's output, the agent's lines on standard error, the
 * exit code.
 *
 * <p>The harness: {@link dev.herald.it.Artifacts} (where the built jars are), {@link
 * dev.herald.it.Jvm} (fork a JVM, capture its output), {@link dev.herald.it.Workspace} (a config
 * folder with the recorder plugin), {@link dev.herald.it.Recording} (the recorder's events).
 */
package dev.herald.it;
