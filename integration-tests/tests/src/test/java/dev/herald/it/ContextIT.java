package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who acted: actor, user id and trace id from {@code EventContext} and from the MDC keys named in
 * {@code context.mdc}; and when: the events' timestamps. One run of the shapes app's context scenario.
 */
class ContextIT {

  // Clocks of two processes on one machine agree; the slack only absorbs millisecond truncation.
  private static final Duration CLOCK_SLACK = Duration.ofMillis(5);

  @TempDir static Path dir;
  static Jvm.Result result;
  static Recording recording;

  @BeforeAll
  static void runShapes() {
    Workspace ws = Workspace.in(dir);
    ws.config("""
        services:
          - { class: dev.herald.it.shapes.AccountService, entity: account }
          - { class: dev.herald.it.shapes.ShipmentService, entity: shipment }
        context:
          mdc: { actor: who, user-id: uid, trace-id: trace }
        """ + Workspace.RECORDER);
    result = ws.shapes("context").run(Timeouts.RUN);
    recording = ws.recording();
  }

  @Test
  void applicationRunsToTheEnd() {
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.heraldLines("ERROR")).as(result.describe()).isEmpty();
  }

  @Test
  void eventsWithoutContextCarryNone() {
    assertThat(Calls.about(recording, "ctx-none")).hasSize(2).allSatisfy(e -> assertContext(e, null, null, null));
  }

  @Test
  void eventContextSetsActorUserAndTrace() {
    assertThat(Calls.about(recording, "ctx-api")).hasSize(2).allSatisfy(e -> assertContext(e, "alice", "u-1", "t-1"));
  }

  @Test
  void configuredMdcKeysSetActorUserAndTrace() {
    assertThat(Calls.about(recording, "ctx-mdc")).hasSize(2).allSatisfy(e -> assertContext(e, "bob", "u-2", "t-2"));
  }

  @Test
  void eventContextTakesPrecedenceOverMdc() {
    assertThat(Calls.about(recording, "ctx-both")).hasSize(2).allSatisfy(e -> assertContext(e, "carol", "u-3", "t-3"));
  }

  @Test
  void asyncAfterCarriesTheContextOfItsBeforeThoughCompletedElsewhereLater() {
    List<RecordedEvent> events = Calls.about(recording, "ctx-async");
    assertThat(events).extracting(RecordedEvent::name).containsExactly("shipment.before.create", "shipment.after.create");
    assertThat(events).allSatisfy(e -> assertContext(e, "dave", "u-4", "t-4"));
  }

  @Test
  void contextEndsWithItsScopeAndMdcEntries() {
    assertThat(Calls.about(recording, "ctx-after")).hasSize(2).allSatisfy(e -> assertContext(e, null, null, null));
  }

  @Test
  void timestampsFallWithinTheRunAndAfterFollowsBefore() {
    Instant start = Instant.ofEpochMilli(Long.parseLong(result.value("start-epoch-millis"))).minus(CLOCK_SLACK);
    Instant end = Instant.ofEpochMilli(Long.parseLong(result.value("end-epoch-millis"))).plus(CLOCK_SLACK);
    assertThat(recording.events()).isNotEmpty().allSatisfy(e ->
        assertThat(e.timestamp()).as("%s", e).isBetween(start, end));
    recording.byInvocation().values().forEach(pair ->
        assertThat(pair.get(pair.size() - 1).timestamp()).isAfterOrEqualTo(pair.get(0).timestamp()));
  }

  private static void assertContext(RecordedEvent event, String actor, String userId, String traceId) {
    assertThat(event.actor()).as("actor of %s", event).isEqualTo(actor);
    assertThat(event.userId()).as("userId of %s", event).isEqualTo(userId);
    assertThat(event.traceId()).as("traceId of %s", event).isEqualTo(traceId);
  }
}
