package dev.herald.agent.bus;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.herald.agent.bus.BusTestSupport.LogCapture;
import dev.herald.agent.log.AgentLog;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DropLogTest {

  private final AtomicLong dropped = new AtomicLong();
  private final DropLog drops =
      new DropLog(AgentLog.get(DropLogTest.class), "audit", "*.*.*", OverflowPolicy.DROP_NEWEST, dropped);

  @Test
  void itsLinesCountQueueFullDropsOnlyWhateverElseTheSubscriptionDropsMeanwhile() {
    try (LogCapture log = new LogCapture()) {
      // drops of another kind (a listener's answer cut from a chain, events kept at start-up) are
      // counted in the subscription's total at any moment, also between a queue-full drop's count
      // and its line
      dropped.addAndGet(3);
      dropped.incrementAndGet();
      drops.onDrop(false);
      dropped.addAndGet(2);
      dropped.incrementAndGet();
      drops.onDrop(false); // within the 10 s: no line
      drops.reportRest();

      assertThat(log.lines(Level.WARN, "subscription 'audit'")).containsExactly(
          "subscription 'audit' (pattern *.*.*) dropped 1 event in the last 10 s (queue full, overflow drop-newest);"
              + " 4 in all" + DropLog.ADVICE,
          "subscription 'audit' (pattern *.*.*) dropped 1 more event since its last report (queue full, overflow"
              + " drop-newest); 7 in all" + DropLog.ADVICE);
    }
  }

  @Test
  void aDropAfterTheBusShutDownIsNotBlamedOnTheListener() {
    try (LogCapture log = new LogCapture()) {
      dropped.incrementAndGet();
      drops.onDrop(true);

      assertThat(log.lines(Level.WARN, "subscription 'audit'")).singleElement().asString()
          .contains("The bus has shut down (the JVM is exiting) and delivers nothing more")
          .doesNotContain("slower");
    }
  }

  @Test
  void dropsFromBeforeTheShutdownAreNotToldAsTheShutdownsOwn() throws Exception {
    try (LogCapture log = new LogCapture()) {
      dropped.incrementAndGet();
      drops.onDrop(false); // told at once, with the advice
      dropped.incrementAndGet();
      drops.onDrop(false); // the listener's pace too, within the 10 s: told with the next line
      tenSecondsLater();
      dropped.incrementAndGet();
      drops.onDrop(true); // the bus has shut down

      assertThat(log.lines(Level.WARN, "subscription 'audit'")).last().asString()
          .contains("dropped 2 events in the last 10 s")
          .as("one of the two was the listener's pace, before the bus shut down").contains("slower")
          .contains("1 of them after the bus had shut down");
    }
  }

  @Test
  void dropsAfterTheShutdownToldAtItsReportAreNotBlamedOnTheListener() {
    try (LogCapture log = new LogCapture()) {
      dropped.incrementAndGet();
      drops.onDrop(true); // told at once
      dropped.incrementAndGet();
      drops.onDrop(true); // within the 10 s
      drops.reportRest();

      assertThat(log.lines(Level.WARN, "subscription 'audit'")).last().asString()
          .contains("dropped 1 more event since its last report").doesNotContain("slower")
          .contains("The bus has shut down");
    }
  }

  private void tenSecondsLater() throws ReflectiveOperationException {
    java.lang.reflect.Field nextAt = DropLog.class.getDeclaredField("nextAt");
    nextAt.setAccessible(true);
    nextAt.setLong(drops, System.nanoTime() - 1);
  }

  @Test
  void nothingIsToldTwice() {
    try (LogCapture log = new LogCapture()) {
      dropped.incrementAndGet();
      drops.onDrop(false);
      drops.reportRest();
      drops.reportRest();

      assertThat(log.lines(Level.WARN, "subscription 'audit'")).singleElement().asString()
          .as("names the setting to change, as the config file spells it")
          .contains("a larger bus.queue-capacity absorbs bursts");
    }
  }
}
