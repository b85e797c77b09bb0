package dev.herald.examples.slack;

/**
 * A snapshot of the Slack plugin's counters, which start at zero when the plugin starts.
 *
 * @param queued messages accepted into the queue
 * @param sent messages the webhook accepted (2xx)
 * @param retried attempts repeated after a 5xx, a 429, a timeout or an I/O error
 * @param failed messages given up: after the last attempt, on another 4xx answer, or left in the queue at stop
 * @param dropped messages not queued because the queue was full
 */
public record SlackStatistics(long queued, long sent, long retried, long failed, long dropped) {}
