package dev.herald.agent.log;

import java.util.Locale;
import org.slf4j.spi.LocationAwareLogger;

/** Level names and numbers as Logback reads and orders them, for the start-up writer. */
final class LogLevels {

  static final int TRACE = LocationAwareLogger.TRACE_INT;
  static final int DEBUG = LocationAwareLogger.DEBUG_INT;
  static final int INFO = LocationAwareLogger.INFO_INT;
  static final int WARN = LocationAwareLogger.WARN_INT;
  static final int ERROR = LocationAwareLogger.ERROR_INT;
  static final int ALL = Integer.MIN_VALUE;
  static final int OFF = Integer.MAX_VALUE;

  private LogLevels() {}

  /** The level named {@code name} in any case, as Logback's {@code Level.toLevel}; else {@code otherwise}. */
  static int parse(String name, int otherwise) {
    if (name == null) {
      return otherwise;
    }
    switch (name.trim().toUpperCase(Locale.ROOT)) {
      case "ALL": return ALL;
      case "TRACE": return TRACE;
      case "DEBUG": return DEBUG;
      case "INFO": return INFO;
      case "WARN": return WARN;
      case "ERROR": return ERROR;
      case "OFF": return OFF;
      default: return otherwise;
    }
  }

  /** The name Logback gives {@code level}, as {@code %level} prints it and {@code toLevel} reads it. */
  static String name(int level) {
    switch (level) {
      case ALL: return "ALL";
      case TRACE: return "TRACE";
      case DEBUG: return "DEBUG";
      case INFO: return "INFO";
      case WARN: return "WARN";
      case ERROR: return "ERROR";
      default: return "OFF";
    }
  }
}
