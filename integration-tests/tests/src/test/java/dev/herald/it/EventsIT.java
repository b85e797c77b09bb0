package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md "Events": one run of the shapes app (scenarios events, errors, async, args, never) with
 * the agent and the recorder, and many checks on what was recorded.
 */
class EventsIT {

  private static final String CONFIG = """
      services:
        - class: dev.herald.it.shapes.AccountService
          entity: account
        - class: dev.herald.it.shapes.OrderService
          entity: order
        - class: dev.herald.it.shapes.PaymentGateway
          entity: payment
          methods: { process: process }
        - class: dev.herald.it.shapes.StockRepository
          entity: stock
        - class: dev.herald.it.shapes.ShipmentService
          entity: shipment
        - class: dev.herald.it.shapes.LedgerService
          entity: ledger
        - class: dev.herald.it.shapes.CatalogService
          entity: catalog
          methods: { "*": touch }
          defaults: false
      """ + Workspace.RECORDER;

  @TempDir static Path dir;
  static Jvm.Result result;
  static Recording recording;

  @BeforeAll
  static void runShapes() {
    Workspace ws = Workspace.in(dir);
    ws.config(CONFIG);
    result = ws.shapes("events", "errors", "async", "args", "never").run(Timeouts.RUN);
    recording = ws.recording();
  }

  @Test
  void applicationRunsToTheEndWithoutAgentErrors() {
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdoutLines()).as(result.describe()).contains("DONE");
    assertThat(result.heraldLines("ERROR")).as(result.describe()).isEmpty();
  }

  @Test
  void pairsEachBeforeWithExactlyOneAfterOrFailedOfTheSameInvocation() {
    Map<Long, List<RecordedEvent>> calls = recording.byInvocation();
    assertThat(calls).as(recording.toString()).isNotEmpty().doesNotContainKey(0L);
    calls.forEach((id, events) -> {
      assertThat(events).as("invocation %d in %s", id, recording).hasSize(2);
      RecordedEvent before = events.get(0);
      RecordedEvent end = events.get(1);
      assertThat(before.isBefore()).as("first of %s", events).isTrue();
      assertThat(end.isAfter() || end.isFailed()).as("second of %s", events).isTrue();
      assertThat(end.entity()).isEqualTo(before.entity());
      assertThat(end.operation()).isEqualTo(before.operation());
      assertThat(end.className()).isEqualTo(before.className());
      assertThat(end.methodName()).isEqualTo(before.methodName());
      assertThat(end.args()).isEqualTo(before.args());
      assertThat(before.name()).isEqualTo(before.entity() + ".before." + before.operation());
    });
  }

  @Test
  void inheritedMethodsEmitWithTheConfiguredSubclassEntityAndName() {
    assertThat(Calls.names(recording, "a-1")).containsExactly("account.before.create", "account.after.create");
    assertThat(Calls.names(recording, "a-2")).containsExactly("account.before.update", "account.after.update");
    assertThat(Calls.names(recording, "a-3")).containsExactly("account.before.delete", "account.after.delete");
    for (String id : List.of("a-1", "a-2", "a-3", "a-4")) {
      assertThat(Calls.about(recording, id)).allSatisfy(e ->
          assertThat(e.className()).isEqualTo("dev.herald.it.shapes.AccountService"));
    }
    assertThat(Calls.about(recording, "a-3")).extracting(RecordedEvent::methodName).containsOnly("delete");
  }

  @Test
  void activateCallingUpdateEmitsBothNested() {
    assertThat(Calls.names(recording, "a-4")).containsExactly(
        "account.before.activate", "account.before.update", "account.after.update", "account.after.activate");
    List<RecordedEvent> events = Calls.about(recording, "a-4");
    assertThat(events.get(0).invocationId()).isNotEqualTo(events.get(1).invocationId());
  }

  @Test
  void staticMethodsEmit() {
    assertThat(Calls.about(recording, "a-5"))
        .extracting(RecordedEvent::name, RecordedEvent::methodName, RecordedEvent::className)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("account.before.upsert", "upsert", "dev.herald.it.shapes.AccountService"),
            org.assertj.core.groups.Tuple.tuple("account.after.upsert", "upsert", "dev.herald.it.shapes.AccountService"));
  }

  @Test
  void emitsOnceAcrossSuperCallsBridgesAndOverloads() {
    assertThat(Calls.names(recording, "o-1")).as("override calling super").containsExactly("order.before.create", "order.after.create");
    assertThat(Calls.names(recording, "o-2")).as("bridge to an override calling super").containsExactly("order.before.create", "order.after.create");
    assertThat(Calls.names(recording, "o-3")).as("bridge").containsExactly("order.before.update", "order.after.update");
    assertThat(Calls.about(recording, "o-4")).as("overload delegating to another").hasSize(2)
        .allSatisfy(e -> assertThat(e.args()).containsExactly("o-4", "400"));
    assertThat(recording.ofEntity("order")).allSatisfy(e -> {
      assertThat(e.className()).isEqualTo("dev.herald.it.shapes.OrderService");
      assertThat(e.methodName()).isEqualTo(e.operation());
    });
  }

  @Test
  void generatedDollarDollarSubclassesAreSkippedAndTheRealCodeEmitsOnce() {
    assertThat(Calls.names(recording, "o-5")).containsExactly("order.before.create", "order.after.create");
    assertThat(recording.events()).noneMatch(e -> e.className().contains("$$"));
  }

  @Test
  void unconfiguredSubclassOfAConfiguredTypesBaseEmitsNothing() {
    assertThat(Calls.about(recording, "d-1")).isEmpty();
    assertThat(Calls.about(recording, "d-2")).isEmpty();
    assertThat(recording.events()).extracting(RecordedEvent::entity).containsOnly(
        "account", "order", "payment", "stock", "shipment", "ledger", "catalog");
  }

  @Test
  void interfaceImplementationsEmitWithTheInterfaceEntity() {
    assertThat(Calls.about(recording, "p-1")).extracting(RecordedEvent::name, RecordedEvent::result).containsExactly(
        org.assertj.core.groups.Tuple.tuple("payment.before.process", null),
        org.assertj.core.groups.Tuple.tuple("payment.after.process", "card:p-1:100"));
    assertThat(Calls.names(recording, "p-2")).containsExactly("payment.before.process", "payment.after.process");
    assertThat(recording.ofEntity("payment")).allSatisfy(e ->
        assertThat(e.className()).isEqualTo("dev.herald.it.shapes.PaymentGateway"));
  }

  @Test
  void jdkProxyCallingARealImplementationEmitsOncePerCall() {
    assertThat(result.value("events-proxy-result")).isEqualTo("card:p-3:300");
    assertThat(Calls.names(recording, "p-3")).containsExactly("payment.before.process", "payment.after.process");
  }

  @Test
  void jdkProxyThatIsTheOnlyImplementationIsInstrumented() {
    assertThat(Calls.about(recording, "sku-1"))
        .extracting(RecordedEvent::name, RecordedEvent::className, RecordedEvent::result)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("stock.before.create", "dev.herald.it.shapes.StockRepository", null),
            org.assertj.core.groups.Tuple.tuple("stock.after.create", "dev.herald.it.shapes.StockRepository", "stock:sku-1:7"));
  }

  @Test
  void failedCarriesTheThrowableThatPropagatesUnchanged() {
    assertThat(result.value("errors-same-exception")).as(result.describe()).isEqualTo("true");
    List<RecordedEvent> events = Calls.about(recording, "locked-1");
    assertThat(events).extracting(RecordedEvent::name).containsExactly("account.before.delete", "account.failed.delete");
    RecordedEvent failed = events.get(1);
    assertThat(failed.errorClass()).isEqualTo("dev.herald.it.shapes.LockedException");
    assertThat(failed.errorMessage()).isEqualTo("locked: locked-1");
    assertThat(failed.errorIdentity()).isEqualTo(Integer.parseInt(result.value("errors-exception-identity")));
    assertThat(failed.result()).isNull();
  }

  @Test
  void returnValuesReachTheCallerAndTheEventUntouched() {
    assertThat(result.value("events-same-result")).isEqualTo("true");
    List<RecordedEvent> events = Calls.about(recording, "a-1");
    assertThat(events).hasSize(2);
    RecordedEvent after = events.get(1);
    assertThat(after.resultType()).isEqualTo("dev.herald.it.shapes.Account");
    assertThat(after.resultIdentity()).isEqualTo(Integer.parseInt(result.value("events-result-identity")));
    assertThat(after.errorClass()).isNull();
  }

  @Test
  void voidMethodsReportANullResult() {
    assertThat(Calls.about(recording, "a-3")).hasSize(2).last().satisfies(e -> assertThat(e.result()).isNull());
    assertThat(recording.matching("ledger.after.upsert")).singleElement()
        .satisfies(e -> assertThat(e.result()).isNull());
  }

  @Test
  void primitivesArraysAndNullsArriveAsArguments() {
    RecordedEvent before = Calls.first(recording, "ledger.before.upsert");
    assertThat(before.args()).containsExactly("42", "12.5", "3", "true", "x", "[1, 2, 3]", "[a, b]", null);
    assertThat(before.argTypes()).containsExactly(
        "java.lang.Long", "java.lang.Double", "java.lang.Integer", "java.lang.Boolean", "java.lang.Character",
        "[I", "[Ljava.lang.String;", null);
    assertThat(recording.ofEntity("ledger")).hasSize(2);
  }

  @Test
  void completionStageEmitsAfterWhenItCompletesWithItsValue() {
    assertThat(result.value("async-pending-at-return")).as("the futures were not done when the calls returned").isEqualTo("true");
    List<RecordedEvent> events = Calls.about(recording, "s-1");
    assertThat(events).extracting(RecordedEvent::name).containsExactly("shipment.before.create", "shipment.after.create");
    RecordedEvent after = events.get(1);
    assertThat(after.result()).isEqualTo("shipped:s-1");
    assertThat(after.resultType()).isEqualTo("java.lang.String");
    assertThat(after.resultIdentity()).isEqualTo(Integer.parseInt(result.value("async-create-result-identity")));
    assertThat(Duration.ofNanos(after.durationNanos())).as("the time until the stage completed")
        .isGreaterThanOrEqualTo(Duration.ofMillis(50));
  }

  @Test
  void aMethodDeclaredToReturnObjectIsAsynchronousForTheCallsThatReturnAStageOnly() {
    assertThat(Calls.about(recording, "s-4")).extracting(RecordedEvent::name, RecordedEvent::result).containsExactly(
        org.assertj.core.groups.Tuple.tuple("shipment.before.upsert", null),
        org.assertj.core.groups.Tuple.tuple("shipment.after.upsert", "stored:s-4"),
        org.assertj.core.groups.Tuple.tuple("shipment.before.upsert", null),
        org.assertj.core.groups.Tuple.tuple("shipment.after.upsert", "stored:s-4"));
    assertThat(result.value("async-upsert-result")).isEqualTo("stored:s-5");
    List<RecordedEvent> later = Calls.about(recording, "s-5");
    assertThat(later).extracting(RecordedEvent::name, RecordedEvent::result).containsExactly(
        org.assertj.core.groups.Tuple.tuple("shipment.before.upsert", null),
        org.assertj.core.groups.Tuple.tuple("shipment.after.upsert", "stored:s-5"));
    assertThat(Duration.ofNanos(later.get(1).durationNanos())).as("the time until the stage completed")
        .isGreaterThanOrEqualTo(Duration.ofMillis(50));
    RecordedEvent plainAgain = Calls.about(recording, "s-6").get(1);
    assertThat(plainAgain.result()).isEqualTo("stored:s-6");
    assertThat(recording.events().indexOf(plainAgain)).as("s-6's after, at once, ahead of s-5's, at release")
        .isLessThan(recording.events().indexOf(later.get(1)));
  }

  @Test
  void aStageThatRefusesCallbacksStillGetsItsAfterWithTheStageAsTheResult() {
    assertThat(result.value("async-refusing-value")).as("the caller got its stage back").isEqualTo("active:s-7");
    List<RecordedEvent> events = Calls.about(recording, "s-7");
    assertThat(events).extracting(RecordedEvent::name).containsExactly("shipment.before.activate", "shipment.after.activate");
    assertThat(events.get(1).resultIdentity()).isEqualTo(Integer.parseInt(result.value("async-refusing-identity")));
    assertThat(result.heraldLines("WARN")).as(result.describe()).anySatisfy(line -> assertThat(line)
        .contains("could not wait for the CompletionStage").contains("ShipmentService.activate"));
  }

  @Test
  void aStageThatCallsBackAndThenThrowsGetsExactlyOneAfter() {
    assertThat(result.value("async-calls-back-then-throws-value")).isEqualTo("inactive:s-8");
    List<RecordedEvent> events = Calls.about(recording, "s-8");
    assertThat(events).extracting(RecordedEvent::name)
        .containsExactly("shipment.before.deactivate", "shipment.after.deactivate");
    assertThat(events.get(1).result()).isEqualTo("inactive:s-8");
  }

  @Test
  void completionStageFailureReportsTheCauseUnwrappedFromCompletionException() {
    List<RecordedEvent> wrapped = Calls.about(recording, "s-2");
    assertThat(wrapped).extracting(RecordedEvent::name).containsExactly("shipment.before.update", "shipment.failed.update");
    assertThat(wrapped.get(1).errorClass()).isEqualTo("dev.herald.it.shapes.ShipmentService$CarrierException");
    assertThat(wrapped.get(1).errorIdentity()).isEqualTo(Integer.parseInt(result.value("async-update-cause-identity")));
    assertThat(Duration.ofNanos(wrapped.get(1).durationNanos())).isGreaterThanOrEqualTo(Duration.ofMillis(50));

    List<RecordedEvent> direct = Calls.about(recording, "s-3");
    assertThat(direct).extracting(RecordedEvent::name).containsExactly("shipment.before.delete", "shipment.failed.delete");
    assertThat(direct.get(1).errorMessage()).isEqualTo("rejected s-3");
    assertThat(direct.get(1).errorIdentity()).isEqualTo(Integer.parseInt(result.value("async-delete-identity")));
  }

  @Test
  void neverInstrumentsConstructorsPrivateMethodsInitializersOrLambdas() {
    assertThat(result.value("never-secrets")).as("the app ran the lambda and the private method").isEqualTo("2");
    Set<String> methods = recording.ofEntity("catalog").stream().map(RecordedEvent::methodName).collect(Collectors.toSet());
    assertThat(methods).containsExactlyInAnyOrder("touch", "task");
    assertThat(recording.ofEntity("catalog")).hasSize(4);
  }

  @Test
  void beforeHasZeroDurationAndEndsMeasureFromIt() {
    assertThat(recording.events()).as("recorded events").isNotEmpty();
    assertThat(recording.events()).filteredOn(RecordedEvent::isBefore).allSatisfy(e -> assertThat(e.durationNanos()).isZero());
    assertThat(recording.events()).filteredOn(e -> !e.isBefore()).allSatisfy(e -> assertThat(e.durationNanos()).isNotNegative());
    recording.byInvocation().values().forEach(pair ->
        assertThat(pair.get(pair.size() - 1).timestamp()).as("%s", pair).isAfterOrEqualTo(pair.get(0).timestamp()));
  }
}
