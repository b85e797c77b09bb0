package dev.herald.agent.config;

import java.nio.file.Path;

/**
 * The agent's own log: {@code log: { level, format, file }}, meant for {@code
 * AgentLog.configure(level, format, file)}.
 *
 * <p>Immutable.
 *
 * @param level one of {@code error, warn, info, debug, trace} (lower case), or null to keep the
 *     level the agent started with
 * @param format {@code text} or {@code json} (lower case), or null to keep the format the agent
 *     started with ({@code -Dherald.log.format}, else text)
 * @param file an absolute file to append to, resolved against the config file's folder; or null
 *     for standard error
 */
public record LogSettings(String level, String format, Path file) {

  /** Level and format unchanged, standard error. */
  public static final LogSettings UNCHANGED = new LogSettings(null, null, null);
}
