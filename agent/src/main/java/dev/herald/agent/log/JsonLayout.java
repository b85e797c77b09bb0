package dev.herald.agent.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;

/**
 * Logback's side of {@code log.format: json}: each event as the {@link JsonLine} the start-up writer
 * would write, its throwable as {@code %safeEx} writes it (messages escaped, cause chain included).
 *
 * <p>Safe for concurrent use once started, as the converters of Logback's pattern layout are.
 */
final class JsonLayout extends LayoutBase<ILoggingEvent> {

  private final LogText.SafeThrowable trace = new LogText.SafeThrowable();

  @Override
  public void start() {
    trace.setContext(getContext());
    trace.start();
    super.start();
  }

  @Override
  public void stop() {
    trace.stop();
    super.stop();
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    String error = event.getThrowableProxy() == null ? null : trace.convert(event);
    return JsonLine.of(event.getTimeStamp(), event.getLevel().toString(), event.getLoggerName(),
        event.getFormattedMessage(), error);
  }
}
