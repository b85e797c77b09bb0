package dev.herald.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.it.hardening.app.ProbeApp;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Point 11, the agent's own log: resolved {@code ${VAR}} values never appear in it, at any level,
 * in a good config or a broken one, nor in {@code check}'s output; and the arguments, results and
 * errors of instrumented calls never appear in it at INFO or above, even when a listener fails on
 * them.
 */
class LogHygieneIT {

  private static final String SECRET_TOKEN = "ENVSECRET-token-5e1b";
  private static final String SECRET_CAPACITY = "ENVSECRET-capacity-0c77";
  /** A fragment of the argument that also appears in the result and in the error's message. */
  private static final String ARG_FRAGMENT = ProbeApp.SECRET_ARG.substring(ProbeApp.SECRET_ARG.indexOf('-') + 1);

  @TempDir Path dir;

  @Test
  void resolvedVariablesAreNeverLoggedEvenAtDebug() {
    Path config = Sources.write(dir.resolve("herald.yaml"), """
        services:
          - { class: dev.herald.it.hardening.app.AccountService, entity: account }
        plugins:
          config:
            vault: { token: "${HERALD_SECRET_TOKEN}", url: "https://${HERALD_SECRET_TOKEN}@example.com" }
        """);

    JvmResult run = Jvm.java().agent(config).jvmArg("-Dherald.log.level=debug").probe("config")
        .env("HERALD_SECRET_TOKEN", SECRET_TOKEN).workDir(dir).run(Timeouts.RUN);

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.heraldLines("DEBUG")).as("debug is on; %s", run.describe()).isNotEmpty();
    assertThat(run.heraldLines()).as("the plugin settings were read, and talked about; %s", run.describe())
        .anyMatch(line -> line.contains("vault"));
    assertThat(run.stderr()).as(run.describe()).doesNotContain(SECRET_TOKEN);
  }

  @Test
  void aBadValueFromAVariableIsReportedByNameNotByValue() {
    Path config = Sources.write(dir.resolve("herald.yaml"), """
        services:
          - { class: dev.herald.it.hardening.app.AccountService, entity: account }
        bus:
          queue-capacity: ${HERALD_SECRET_CAPACITY}
        """);

    JvmResult run = Jvm.java().agent(config).probe("config").env("HERALD_SECRET_CAPACITY", SECRET_CAPACITY)
        .workDir(dir).run(Timeouts.RUN);
    JvmResult check = Jvm.java().agentCommand("check", config.toString())
        .env("HERALD_SECRET_CAPACITY", SECRET_CAPACITY).workDir(dir).run(Timeouts.RUN);

    assertThat(run.heraldLines("ERROR")).as(run.describe()).singleElement().asString()
        .contains(config + ":4:19: bus.queue-capacity").contains("${HERALD_SECRET_CAPACITY}");
    assertThat(run.output()).as(run.describe()).doesNotContain(SECRET_CAPACITY);
    assertThat(check.exitCode()).as(check.describe()).isEqualTo(2);
    assertThat(check.output()).as(check.describe())
        .contains("${HERALD_SECRET_CAPACITY}").doesNotContain(SECRET_CAPACITY);
  }

  @Test
  void argumentsResultsAndErrorsOfCallsStayOutOfTheLogAtInfoAndAbove() {
    Path config = Sources.write(dir.resolve("herald.yaml"), """
        services:
          - { class: dev.herald.it.hardening.app.VaultService, entity: vault }
        """);

    JvmResult run = Jvm.java().agent(config).jvmArg("-Dherald.log.level=info").probe("secrets")
        .workDir(dir).run(Timeouts.RUN);

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdoutLines()).as("the calls happened and emitted; %s", run.describe())
        .contains("delete-failed=true", "APP DONE", "event=vault.after.create", "event=vault.failed.delete");
    assertThat(run.heraldLines()).as("the failing listener was reported; %s", run.describe())
        .anyMatch(line -> line.contains("listener refuses") || line.contains("vault."));
    assertThat(run.stderr()).as(run.describe()).doesNotContain(ARG_FRAGMENT);
  }
}
