/**
 * The shapes application: services in every shape the agent must instrument correctly (or must
 * leave alone), and scenarios that call them. {@link dev.herald.it.shapes.Main} runs the scenarios
 * named on its command line and reports in {@code key=value} lines that the integration tests read
 * beside the recorded events. It does not depend on the agent; it uses only the public API.
 */
package dev.herald.it.shapes;
