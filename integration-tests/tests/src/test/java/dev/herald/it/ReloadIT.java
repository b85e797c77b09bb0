package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reload: true}: an entry's {@code enabled} flag flips while the application runs, and a
 * broken edit keeps the running config. The shapes app edits its own config file, as an operator
 * would, and counts what its calls emit through its own subscription.
 */
class ReloadIT {

  @TempDir Path dir;

  @Test
  void enabledFlipsWhileRunningAndABrokenEditKeepsTheRunningConfig() {
    Workspace ws = Workspace.in(dir);
    Path config = ws.config("""
        reload: true
        reload-interval: 200ms
        services:
          - class: dev.herald.it.shapes.AccountService
            entity: account
            enabled: false
        """ + Workspace.RECORDER);
    Jvm.Result result = ws.shapes("reload").jvmArg("-Dshapes.config=" + config).run(Timeouts.RUN);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.value("reload-events-while-disabled")).as(result.describe()).isEqualTo("0");
    assertThat(Integer.parseInt(result.value("reload-calls-until-enabled")))
        .as("enabling took effect while running; %s", result.describe()).isPositive();
    assertThat(result.heraldLines("INFO")).as(result.describe())
        .anySatisfy(line -> assertThat(line).contains("reloaded").contains("AccountService enabled"));
    assertThat(result.heraldLines("ERROR")).as(result.describe())
        .singleElement().asString().contains("the running config stays").contains(config.getFileName().toString());
    assertThat(Integer.parseInt(result.value("reload-calls-after-broken-edit")))
        .as("still emitting after the broken edit; %s", result.describe()).isPositive();
  }

  @Test
  void servicesAddedAndRemovedWhileRunningAreInstrumentedAndRestoredByRetransformation() {
    Workspace ws = Workspace.in(dir);
    Path config = ws.config("""
        reload: true
        reload-interval: 200ms
        services:
          - class: dev.herald.it.shapes.InvoiceService
            entity: invoice
        """ + Workspace.RECORDER);
    Jvm.Result result = ws.shapes("reload-services").jvmArg("-Dshapes.config=" + config).run(Timeouts.RUN);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.value("services-account-events-before")).as(result.describe()).isEqualTo("0");
    assertThat(Integer.parseInt(result.value("services-calls-until-account")))
        .as("AccountService (loaded before it was configured; create() inherited from BaseService) emits once"
            + " added to the file; %s", result.describe()).isPositive();
    assertThat(result.value("services-account-events-for-10-updates"))
        .as("exactly one before and one after per call, not doubled by retransformation; %s", result.describe())
        .isEqualTo("20");
    assertThat(Integer.parseInt(result.value("services-calls-until-invoice-silent")))
        .as("InvoiceService falls silent once removed from the file; %s", result.describe()).isPositive();
    assertThat(result.heraldLines("INFO")).as(result.describe())
        .anySatisfy(line -> assertThat(line).contains("reloaded").contains("+dev.herald.it.shapes.AccountService")
            .contains("retransformed"))
        .anySatisfy(line -> assertThat(line).contains("-dev.herald.it.shapes.InvoiceService")
            .containsPattern("[1-9]\\d* restored"));

    assertThat(result.value("services-jmx-add")).as(result.describe())
        .startsWith("ok: added dev.herald.it.shapes.LedgerService");
    assertThat(Integer.parseInt(result.value("services-calls-until-ledger")))
        .as("addService over JMX instruments a loaded class; %s", result.describe()).isPositive();
    assertThat(result.value("services-jmx-disable")).as(result.describe()).startsWith("ok:");
    assertThat(Integer.parseInt(result.value("services-calls-until-account-silent")))
        .as("disableService over JMX; %s", result.describe()).isEqualTo(1);
    assertThat(result.value("services-jmx-bad-add")).as(result.describe())
        .startsWith("refused: ").contains("addService:1:9").contains("9nine");
    assertThat(result.value("services-jmx-remove")).as(result.describe()).startsWith("ok: removed");
    assertThat(Integer.parseInt(result.value("services-calls-until-ledger-silent")))
        .as("removeService over JMX restores the class; %s", result.describe()).isEqualTo(1);
    assertThat(result.value("services-jmx-misspelt-add")).as(result.describe())
        .startsWith("ok: added dev.herald.it.shapes.LedgerServce");
    assertThat(result.heraldLines("WARN")).as("told when added, and again at exit; %s", result.describe())
        .satisfiesExactly(
            added -> assertThat(added).contains("services[2] (added over JMX): no loaded class is named"
                + " 'dev.herald.it.shapes.LedgerServce' yet (the entry applies when one loads); check the class name"),
            exit -> assertThat(exit).as("after LedgerService was removed").contains("services[1] (added over JMX): no class named"
                + " 'dev.herald.it.shapes.LedgerServce' was loaded in this run"));
    assertThat(result.heraldLines("ERROR")).as(result.describe()).isEmpty();
  }
}
