package dev.herald.agent.log;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.spi.LocationAwareLogger;

/**
 * Routes the agent's loggers to an {@link EarlyLog} until Logback is set up, then to Logback, in
 * one switch: every line written early is complete before the first line Logback writes, and the
 * level and destination set meanwhile carry over.
 *
 * <p>Safe for concurrent use: early lines, settings and the switch are guarded by this object;
 * once switched, loggers call Logback without taking the lock.
 */
final class LogSwitch {

  /** What {@link LogLevels#parse} gives for a name that is no level: none of Logback's numbers. */
  private static final int UNKNOWN = -1;

  private final EarlyLog early;
  /** The level before any config: {@code -Dherald.log.level}, else info. */
  private final String startLevel;
  /** The format before any config: {@code -Dherald.log.format}, else text. */
  private final String startFormat;
  private final Map<String, DeferredLogger> loggers = new HashMap<>();
  private volatile LogbackLog logback;
  private boolean settingUp;

  /**
   * A switch writing early lines at {@code initialLevel} in {@code initialFormat}, the system
   * properties' values: null for the default (info, text); a value that is neither is told in a
   * WARN, in the format that applies.
   */
  LogSwitch(String initialLevel, String initialFormat) {
    int level = LogLevels.parse(initialLevel, UNKNOWN);
    String format = JsonLine.format(initialFormat);
    this.early = new EarlyLog(level == UNKNOWN ? LogLevels.INFO : level, format);
    this.startLevel = early.levelName();
    this.startFormat = early.format();
    if (level == UNKNOWN && initialLevel != null) {
      // as -Dherald.enabled does: a value that is no level is told, not silently taken as info
      early.write(AgentLog.OWN_LOGGER, LogLevels.WARN, "-Dherald.log.level='{}' is not a level (error, warn, info,"
          + " debug, trace or off); the agent logs at info", new Object[] {initialLevel}, null);
    }
    if (format == null && initialFormat != null) {
      early.write(AgentLog.OWN_LOGGER, LogLevels.WARN, "-Dherald.log.format='{}' is not a log format (text or json);"
          + " the agent logs text", new Object[] {initialFormat}, null);
    }
  }

  /**
   * As {@link #configure}, but a null level or format means the one before any config, from the
   * system properties.
   */
  void reconfigure(String level, String format, Path file) {
    configure(level != null ? level : startLevel, format != null ? format : startFormat, file);
  }

  /** Logback's logger once switched (so code that expects Logback's type gets it), else a deferred one. */
  synchronized Logger logger(String name) {
    if (logback != null) {
      return logback.logger(name);
    }
    DeferredLogger logger = loggers.get(name);
    if (logger == null) { // no lambda here: this runs in premain, where each costs a spun class
      logger = new DeferredLogger(name, this);
      loggers.put(name, logger);
    }
    return logger;
  }

  /** As {@link AgentLog#configure}. */
  synchronized void configure(String level, String format, Path file) {
    String known = JsonLine.format(format); // the config allows no other value; null keeps the format
    if (logback != null) {
      logback.configure(level, known, file);
    } else {
      early.configure(level, known, file);
    }
  }

  /** Sets Logback up, if not yet, and switches every logger to it; on the calling thread. */
  void setUpLogback() {
    synchronized (this) {
      if (logback != null || settingUp) {
        return;
      }
      settingUp = true;
    }
    LogbackLog built;
    try {
      built = new LogbackLog(early.levelName(), early.format()); // outside the lock: this is the slow part
    } catch (Throwable t) {
      synchronized (this) {
        early.write(AgentLog.OWN_LOGGER, LogLevels.WARN, "the agent's log stays in its start-up form: {}",
            new Object[] {t.toString()}, null);
      }
      return;
    }
    synchronized (this) {
      built.configure(early.levelName(), early.format(), early.file());
      early.close();
      logback = built;
      loggers.forEach((name, logger) -> logger.switchTo(built.logger(name)));
    }
  }

  /** Whether {@code level} is logged before the switch. */
  boolean enabledEarly(int level) {
    synchronized (this) {
      return early.enabled(level);
    }
  }

  /**
   * Writes one line early, unless the switch has happened; then returns the Logback logger to
   * write it to instead.
   */
  synchronized LocationAwareLogger writeEarly(DeferredLogger logger, int level, String pattern,
      Object[] args, Throwable thrown) {
    LocationAwareLogger target = logger.target();
    if (target == null) {
      early.write(logger.getName(), level, pattern, args, thrown);
    }
    return target;
  }

  void shutdown() {
    LogbackLog current;
    synchronized (this) {
      current = logback;
      if (current == null) {
        early.flush();
        return;
      }
    }
    current.stop();
  }
}
