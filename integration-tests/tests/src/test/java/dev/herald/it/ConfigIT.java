package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DESIGN.md "Using it": each config key's effect, where the config is looked up, and how a broken
 * config is reported.
 */
class ConfigIT {

  @TempDir Path dir;

  @Test
  void eachServiceKeyTakesEffect() {
    // The config lives in conf/, the JVM runs in dir: plugins/ and the recorder's file must be
    // found relative to the config file, not to the working directory.
    Workspace ws = Workspace.in(dir.resolve("conf"));
    Path config = ws.config("""
        services:
          - class: dev.herald.it.shapes.auto.TagDao
            entity: first-tag
          - class: dev.herald.it.shapes.auto.*
            entity: auto
          - class: dev.herald.it.shapes.InvoiceService
            entity: "${HERALD_IT_UNSET_VARIABLE:-bill}"
            methods: { issue: create }
            defaults: false
          - class: dev.herald.it.shapes.ArchiveService
            entity: archive
            enabled: false
          - class: dev.herald.it.shapes.Order*
            entity: ${HERALD_IT_ORDER_ENTITY}
            methods:
              "place*": create
              cancel: delete
          - class: dev.herald.it.shapes.Acc*Service
            entity: auto
          - class: dev.herald.it.shapes.AcountService
            entity: misspelt
          - class: dev.herald.it.shapes.LedgerService
            entity: unused
          - class: javax.shapes.VendorService
            entity: vendor
          - class: java.util.ArrayList
            entity: list
        """ + Workspace.RECORDER);
    Jvm.Result result = Jvm.java().agent(config).jar(Artifacts.shapesApp(), "config")
        .env("HERALD_IT_ORDER_ENTITY", "purchase").workDir(dir).run(Timeouts.RUN);
    Recording recording = ws.recording();

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.heraldLines("ERROR")).as(result.describe()).isEmpty();
    assertThat(recording.events()).as("recorded in conf/events.jsonl; %s", result.describe()).isNotEmpty();
    assertThat(recording.events()).extracting(RecordedEvent::entity).containsOnly(
        "first-tag", "legacyUser", "address", "note", "label", "profile", "role", "bill", "purchase", "account",
        "vendor");
    assertThat(recording.matching("*.after.*"))
        .extracting(RecordedEvent::name, RecordedEvent::className, RecordedEvent::methodName)
        .containsExactlyInAnyOrder(
            tuple("bill.after.create", "dev.herald.it.shapes.InvoiceService", "issue"),
            tuple("legacyUser.after.create", "dev.herald.it.shapes.auto.LegacyUserService", "create"),
            tuple("address.after.create", "dev.herald.it.shapes.auto.AddressServiceImpl", "create"),
            tuple("note.after.create", "dev.herald.it.shapes.auto.NoteRepository", "create"),
            tuple("first-tag.after.create", "dev.herald.it.shapes.auto.TagDao", "create"),
            tuple("label.after.create", "dev.herald.it.shapes.auto.LabelDAO", "create"),
            tuple("profile.after.create", "dev.herald.it.shapes.auto.ProfileManager", "create"),
            tuple("role.after.create", "dev.herald.it.shapes.auto.RoleImpl", "create"),
            tuple("purchase.after.create", "dev.herald.it.shapes.OrderService", "placeOrder"),
            tuple("purchase.after.delete", "dev.herald.it.shapes.OrderService", "cancel"),
            tuple("purchase.after.create", "dev.herald.it.shapes.OrderService", "create"),
            tuple("account.after.create", "dev.herald.it.shapes.AccountService", "create"),
            tuple("vendor.after.create", "javax.shapes.VendorService", "create"));
    assertThat(Calls.about(recording, "i-2")).as("defaults: false drops update").isEmpty();
    assertThat(Calls.about(recording, "ar-1")).as("enabled: false").isEmpty();
    assertThat(result.heraldLines("WARN")).as("at exit, the entry no class matched; %s", result.describe())
        .filteredOn(warn -> warn.contains("was loaded in this run")).singleElement().asString()
        .contains(config.getFileName() + ":20: services[6]").contains("'dev.herald.it.shapes.AcountService'")
        .contains("check the name");
    assertThat(result.heraldLines("WARN")).as("a class spelt right that nothing used is not taken for a typo")
        .filteredOn(warn -> warn.contains("LedgerService")).singleElement().asString()
        .contains(config.getFileName() + ":22: services[7]: class 'dev.herald.it.shapes.LedgerService' exists"
            + " but was not loaded in this run").doesNotContain("check the name");
    assertThat(result.heraldLines("WARN")).as("a JDK class, at start and at exit")
        .filteredOn(warn -> warn.contains("ArrayList")).hasSize(2).allSatisfy(warn -> assertThat(warn)
            .contains(config.getFileName() + ":26: services[9]: 'java.util.ArrayList' names a class of the JDK"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "HERALD_ENABLED=false switches it off                   | false | -     | off",
    "-Dherald.enabled=FALSE switches it off                 | -     | FALSE | off",
    "-Dherald.enabled=true wins over HERALD_ENABLED=false   | false | true  | on",
    "a value neither true nor false is told and leaves it on | nope  | -     | on"
  })
  void theKillSwitchTurnsTheAgentOffWithoutRemovingTheFlag(String what, String env, String property, String expected) {
    Workspace ws = Workspace.in(dir);
    Path config = ws.config(
        "services:\n  - { class: dev.herald.it.shapes.AccountService, entity: account }\n" + Workspace.RECORDER);
    Jvm jvm = Jvm.java().agent(config).workDir(dir).env("HERALD_ENABLED", env.equals("-") ? null : env);
    if (!property.equals("-")) {
      jvm.jvmArg("-Dherald.enabled=" + property);
    }

    Jvm.Result result = jvm.jar(Artifacts.shapesApp(), "classloading").run(Timeouts.RUN);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    if (expected.equals("off")) {
      assertThat(result.heraldLines()).as(result.describe()).singleElement().asString()
          .as("timed and aligned as the agent's log lines")
          .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[herald\\] INFO  Herald is switched off by .*")
          .contains("the application runs without it");
      assertThat(ws.recording().events()).as("no plugin ran, nothing was instrumented").isEmpty();
    } else {
      assertThat(result.heraldLines("INFO")).as(result.describe()).anyMatch(line -> line.contains("Herald started"));
      assertThat(Calls.names(ws.recording(), "cl-1")).containsExactly("account.before.create", "account.after.create");
      if (env.equals("nope")) {
        assertThat(result.heraldLines("WARN")).as(result.describe())
            .anyMatch(line -> line.contains("HERALD_ENABLED='nope' is not true or false"));
      }
    }
  }

  @Test
  void aLogLevelThatIsNoLevelIsToldAndInfoIsUsed() {
    Workspace ws = Workspace.in(dir);
    Path config = ws.config(
        "services:\n  - { class: dev.herald.it.shapes.AccountService, entity: account }\n" + Workspace.RECORDER);

    Jvm.Result result = Jvm.java().agent(config).workDir(dir).jvmArg("-Dherald.log.level=verbose")
        .jar(Artifacts.shapesApp(), "classloading").run(Timeouts.RUN);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.heraldLines("WARN")).as(result.describe()).singleElement().asString()
        .contains("-Dherald.log.level='verbose' is not a level (error, warn, info, debug, trace or off);"
            + " the agent logs at info");
    assertThat(result.heraldLines("INFO")).as(result.describe()).anyMatch(line -> line.contains("Herald started"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "agent argument wins over all, arg",
    "-Dherald.config wins over HERALD_CONFIG and ./herald.yaml, prop",
    "HERALD_CONFIG wins over ./herald.yaml, env",
    "./herald.yaml last, cwd"
  })
  void findsTheConfigInOrderAgentArgumentPropertyEnvironmentWorkingDirectory(String order, String winner) {
    Workspace ws = Workspace.in(dir);
    for (String source : List.of("arg", "prop", "env")) {
      ws.write(source + ".yaml", accountsAs(source));
    }
    ws.write("herald.yaml", accountsAs("cwd"));
    Jvm jvm = Jvm.java().jar(Artifacts.shapesApp(), "errors").workDir(dir);
    List<String> sources = List.of("arg", "prop", "env", "cwd");
    int from = sources.indexOf(winner);
    if (from == 0) {
      jvm.agent(dir.resolve("arg.yaml"));
    } else {
      jvm.agentNoArg();
    }
    if (from <= 1) {
      jvm.jvmArg("-Dherald.config=" + dir.resolve("prop.yaml"));
    }
    if (from <= 2) {
      jvm.env("HERALD_CONFIG", dir.resolve("env.yaml").toString());
    }
    Jvm.Result result = jvm.run(Timeouts.RUN);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(ws.recording().events()).as(result.describe()).isNotEmpty()
        .extracting(RecordedEvent::entity).containsOnly(winner);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown top-level key | 1 | services | servces:\\n  - { class: dev.herald.it.shapes.AccountService, entity: account }
      unknown service key   | 3 | entity   | services:\\n  - class: dev.herald.it.shapes.AccountService\\n    entiti: account
      not a number          | 2 |          | bus:\\n  queue-capacity: lots
      unknown overflow      | 2 |          | bus:\\n  overflow: explode
      broken YAML           | 3 |          | services:\\n  - class: dev.herald.it.shapes.AccountService\\n   entity: account
      """)
  void badConfigGivesOneErrorLineWithFileLineColumnAndTheAppRunsOn(
      String problem, int line, String suggestion, String yaml) {
    Workspace ws = Workspace.in(dir);
    Path config = ws.config(yaml.replace("\\n", "\n") + "\n" + Workspace.RECORDER);
    Jvm.Result result = ws.shapes("errors").run(Timeouts.RUN);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.value("errors-same-exception")).as(result.describe()).isEqualTo("true");
    assertThat(result.stdoutLines()).as(result.describe()).contains("DONE");
    List<String> errors = result.heraldLines("ERROR");
    assertThat(errors).as(result.describe()).hasSize(1);
    assertThat(errors.get(0)).as(problem).containsPattern(
        java.util.regex.Pattern.quote(config.getFileName().toString()) + ":" + line + ":\\d+");
    if (suggestion != null) {
      assertThat(errors.get(0)).as("suggests the nearest known key").contains(suggestion);
    }
    assertThat(ws.recording().events()).as("no events without a valid config").isEmpty();
    assertThat(result.heraldLines("INFO")).as("the start line owns up to the error: " + result.describe())
        .anySatisfy(info -> assertThat(info).contains("Herald started").contains("without events")
            .contains(config.getFileName().toString()))
        .noneSatisfy(info -> assertThat(info).contains("service entr"))
        .noneSatisfy(info -> assertThat(info).contains("no services configured"));
  }

  @Test
  void missingConfigFileGivesOneErrorLineAndTheAppRunsOn() {
    Path missing = dir.resolve("nowhere.yaml");
    Jvm.Result result = Jvm.java().agent(missing).jar(Artifacts.shapesApp(), "errors").workDir(dir).run(Timeouts.RUN);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdoutLines()).contains("DONE");
    assertThat(result.heraldLines("ERROR")).as(result.describe()).singleElement().asString().contains("nowhere.yaml");
  }

  @Test
  void onConfigErrorExitStopsTheJvmWithNonZeroStatus() {
    Workspace ws = Workspace.in(dir);
    ws.config("""
        on-config-error: exit
        services:
          - class: dev.herald.it.shapes.AccountService
            entiti: account
        """ + Workspace.RECORDER);
    Jvm.Result result = ws.shapes("errors").run(Timeouts.RUN);

    assertThat(result.exitCode()).as(result.describe()).isNotZero();
    assertThat(result.heraldLines("ERROR")).as(result.describe()).singleElement().asString().contains("herald.yaml:4:");
    assertThat(result.stdoutLines()).as("the application did not run").doesNotContain("DONE");
  }

  private static String accountsAs(String entity) {
    return "services:\n  - { class: dev.herald.it.shapes.AccountService, entity: " + entity + " }\n"
        + Workspace.RECORDER;
  }
}
