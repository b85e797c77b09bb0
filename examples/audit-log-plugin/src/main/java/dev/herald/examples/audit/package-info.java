/**
 * The audit-log plugin: every matching event as one JSON line in a file, for the record.
 *
 * <p>{@link dev.herald.examples.audit.AuditLogPlugin} reads {@link
 * dev.herald.examples.audit.AuditSettings}, subscribes, and writes each event as built by {@code
 * AuditRecord} to an {@code AuditFile} (size-based rotation, fsync policy). {@code SafeJson} turns
 * arguments and results into JSON without trusting them: cycles, streams, proxies, huge or deep
 * structures become a summary object such as {@code {"$summary":"java.util.ArrayList",
 * "reason":"200000 elements, more than 1000","size":200000}}, and redacted names become {@code
 * "***"} at any depth. {@link dev.herald.examples.audit.AuditHistory} reads the files back and
 * prints the history of one entity; {@code history.jq} next to it does the same with {@code jq}.
 */
package dev.herald.examples.audit;
