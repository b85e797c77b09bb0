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
}
