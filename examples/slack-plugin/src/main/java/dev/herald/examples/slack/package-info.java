/**
 * The Slack plugin: posts a message to a Slack incoming webhook for the events its rules name.
 *
 * <p>{@link dev.herald.examples.slack.SlackPlugin} reads {@code SlackSettings} and subscribes
 * each {@code Rule}'s patterns. On the bus's delivery thread a listener only renders the rule's
 * {@code Template} ({@code "New order: {result.id}"}; {@code Fields} resolves the paths, {@code
 * ValueText} renders the values within a length limit) and
 * offers the message to {@code SlackSender}'s bounded queue; the sender's one daemon thread posts
 * with {@code java.net.http}, retrying 5xx answers and timeouts with backoff and honouring {@code
 * 429 Retry-After}. Counts: {@link dev.herald.examples.slack.SlackStatistics}.
 */
package dev.herald.examples.slack;
