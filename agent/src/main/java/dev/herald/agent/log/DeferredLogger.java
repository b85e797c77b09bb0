package dev.herald.agent.log;

import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.spi.LocationAwareLogger;

/**
 * An agent logger that writes through its {@link LogSwitch}'s start-up writer until Logback is set
 * up, then hands every call to its Logback logger (level checks included).
 *
 * <p>Safe for concurrent use.
 */
final class DeferredLogger extends LegacyAbstractLogger {

  private static final long serialVersionUID = 1L;
  private static final String FQCN = DeferredLogger.class.getName();

  private final transient LogSwitch owner;
  private transient volatile LocationAwareLogger target;

  DeferredLogger(String name, LogSwitch owner) {
    this.name = name;
    this.owner = owner;
  }

  /** From now on, every call goes to {@code logback}; called by the owner under its lock. */
  void switchTo(Logger logback) {
    target = (LocationAwareLogger) logback;
  }

  LocationAwareLogger target() {
    return target;
  }

  @Override
  public boolean isTraceEnabled() {
    Logger ready = target;
    return ready != null ? ready.isTraceEnabled() : owner.enabledEarly(LogLevels.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    Logger ready = target;
    return ready != null ? ready.isDebugEnabled() : owner.enabledEarly(LogLevels.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    Logger ready = target;
    return ready != null ? ready.isInfoEnabled() : owner.enabledEarly(LogLevels.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    Logger ready = target;
    return ready != null ? ready.isWarnEnabled() : owner.enabledEarly(LogLevels.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    Logger ready = target;
    return ready != null ? ready.isErrorEnabled() : owner.enabledEarly(LogLevels.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return FQCN;
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
      Throwable thrown) {
    LocationAwareLogger ready = target;
    if (ready == null) {
      ready = owner.writeEarly(this, level.toInt(), pattern, args, thrown);
      if (ready == null) {
        return;
      }
    }
    // Logback checks the level again, and takes a last Throwable argument as the line's throwable
    ready.log(marker, FQCN, level.toInt(), pattern, args, thrown);
  }
}
