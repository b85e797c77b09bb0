package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md "Class loading": what the application sees of the agent, and plugin isolation. One run
 * with the agent and three plugin jars (the recorder, a copy of it that bundles the API, a plugin
 * whose start throws), one run without the agent.
 */
class ClassLoadingIT {

  private static final String BROKEN_PLUGIN = """
      package it.broken;

      import dev.herald.api.HeraldPlugin;
      import dev.herald.api.PluginContext;

      public final class BrokenPlugin implements HeraldPlugin {
        @Override public String name() { return "broken"; }
        @Override public void start(PluginContext context) {
          throw new IllegalStateException("broken on purpose");
        }
      }
      """;

  @TempDir static Path dir;
  static Jvm.Result withAgent;
  static Jvm.Result withoutAgent;
  static Recording recording;

  @BeforeAll
  static void runShapes() throws Exception {
    Path build = Files.createDirectories(dir.resolve("build"));
    Workspace ws = Workspace.in(Files.createDirectories(dir.resolve("app")));
    ws.plugin(TestPlugins.merge(build.resolve("recorder-bundled.jar"), Artifacts.recorderPlugin(), Artifacts.apiClasses()));
    ws.plugin(TestPlugins.compile(build, "broken-plugin.jar", "it.broken.BrokenPlugin",
        Map.of("it.broken.BrokenPlugin", BROKEN_PLUGIN)));
    ws.config("services:\n  - { class: dev.herald.it.shapes.AccountService, entity: account }\n" + Workspace.RECORDER);
    withAgent = ws.shapes("classloading").run(Timeouts.RUN);
    recording = ws.recording();
    withoutAgent = Jvm.java().jar(Artifacts.shapesApp(), "classloading").workDir(ws.dir()).run(Timeouts.RUN);
  }

  @Test
  void applicationRunsToTheEndDespiteBadPlugins() {
    assertThat(withAgent.exitCode()).as(withAgent.describe()).isZero();
    assertThat(withAgent.stdoutLines()).contains("DONE");
  }

  @Test
  void onlyTheApiIsVisibleToTheApplication() {
    assertThat(withAgent.value("installed")).as(withAgent.describe()).isEqualTo("true");
    assertThat(withAgent.value("api-loader")).as("the API comes from the bootstrap class path").isEqualTo("bootstrap");
    for (String hidden : List.of(
        "dev.herald.agent.shaded.org.objectweb.asm.ClassReader", "dev.herald.agent.HeraldAgent", "org.objectweb.asm.ClassReader",
        "dev.herald.agent.shaded.org.snakeyaml.engine.v2.api.Load", "dev.herald.agent.shaded.ch.qos.logback.classic.Logger")) {
      assertThat(withAgent.value("class " + hidden)).as(hidden).isEqualTo("hidden");
    }
  }

  @Test
  void pluginAndApplicationEachUseTheirOwnJackson() {
    assertThat(withAgent.value("app-jackson")).isEqualTo("2.15.4");
    assertThat(withAgent.value("app-json")).isEqualTo("{\"jackson\":\"works\"}");
    assertThat(recording.pluginJacksonVersions()).as("one recorder started; %s", withAgent.describe())
        .containsExactly(System.getProperty("herald.it.pluginJackson"));
    assertThat(Calls.names(recording, "cl-1")).containsExactly("account.before.create", "account.after.create");
  }

  @Test
  void refusesAPluginJarThatBundlesTheApiAndSaysSo() {
    assertThat(withAgent.heraldLines()).as(withAgent.describe())
        .filteredOn(line -> line.contains("recorder-bundled.jar"))
        .singleElement().asString().containsIgnoringCase("api");
  }

  @Test
  void pluginWhoseStartThrowsIsLoggedOnceAndTheOthersRun() {
    assertThat(withAgent.heraldLines("ERROR")).as(withAgent.describe())
        .filteredOn(line -> line.contains("broken on purpose"))
        .singleElement().asString().contains("broken");
    assertThat(recording.events()).as("the recorder runs; %s", withAgent.describe()).isNotEmpty();
  }

  @Test
  void aLoaderWithItsOwnCopyOfTheApiIsToldAboutWhileItsServicesEmit() throws Exception {
    Workspace ws = Workspace.in(Files.createDirectories(dir.resolve("own-api")));
    ws.config("""
        services:
          - { class: dev.herald.it.shapes.IsolatedLedger, entity: ledger }
        """ + Workspace.RECORDER);

    Jvm.Result result = ws.shapes("ownapi").run(Timeouts.RUN);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.value("own-create")).as(result.describe()).isNotNull();
    assertThat(result.value("own-api-same")).isEqualTo("false");
    assertThat(result.value("own-installed")).as("its copy's bus delivers nothing").isEqualTo("false");
    assertThat(result.value("installed")).isEqualTo("true");
    assertThat(Calls.names(ws.recording(), "own-1")).as("its woven services emit all the same")
        .containsExactly("ledger.before.create", "ledger.after.create");
    assertThat(result.heraldLines("WARN")).as(result.describe())
        .filteredOn(line -> line.contains("its own copy of herald-api")).singleElement().asString()
        .contains("dev.herald.it.shapes.IsolatedLedger").contains("Herald.bus() there is a bus that delivers nothing");
  }

  @Test
  void anUndeployedWebApplicationsLoaderIsNotKeptByHerald() throws Exception {
    Workspace ws = Workspace.in(Files.createDirectories(dir.resolve("undeploy")));
    ws.config("""
        services:
          - { class: dev.herald.it.shapes.IsolatedLedger, entity: ledger }
          - { class: dev.herald.it.shapes.SharedStore, entity: stored }
        """ + Workspace.RECORDER);

    Jvm.Result result = ws.shapes("undeploy").run(Timeouts.RUN);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(Calls.names(ws.recording(), "undeploy-1")).as("its calls emitted; %s", result.describe())
        .containsExactly("ledger.before.create", "ledger.after.create");
    assertThat(ws.recording().matching("stored.after.create")).as("the shared service's call emitted; %s",
        result.describe()).hasSize(1);
    assertThat(result.value("undeployed-loader-collected")).as(result.describe()).isEqualTo("true");
  }

  @Test
  void anUndeployedWebApplicationWhoseObjectsTheAuditLogWroteIsNotKeptByIt() throws Exception {
    // the audit log reads the properties of the web application's ledger (an argument of the shared
    // store's create) with its Jackson, whose type cache kept the class, and with it the loader
    Workspace ws = Workspace.in(Files.createDirectories(dir.resolve("undeploy-audit")));
    ws.plugin(Artifacts.auditLogPlugin());
    ws.config("""
        services:
          - { class: dev.herald.it.shapes.IsolatedLedger, entity: ledger }
          - { class: dev.herald.it.shapes.SharedStore, entity: stored }
        """ + Workspace.RECORDER);

    Jvm.Result result = ws.shapes("undeploy").run(Timeouts.RUN);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(Files.readString(ws.dir().resolve("audit.jsonl"))).as(result.describe())
        .contains("\"name\":\"stored.after.create\"");
    assertThat(result.value("undeployed-loader-collected")).as(result.describe()).isEqualTo("true");
  }

  @Test
  void anUndeployedWebApplicationThatSubscribedFirstIsNotKeptByHeraldsThreads() throws Exception {
    // no plugins: the web application's listener is the bus's first subscription, so the delivery
    // threads start on its thread, with its code on the stack
    Workspace ws = Workspace.in(Files.createDirectories(dir.resolve("undeploy-subscriber")));
    ws.config("""
        services:
          - { class: dev.herald.it.shapes.IsolatedLedger, entity: ledger }
        """);

    Jvm.Result result = ws.shapes("undeploy-subscriber").run(Timeouts.RUN);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.value("webapp-listener-saw")).as(result.describe())
        .isEqualTo("[ledger.before.create, ledger.after.create]");
    assertThat(result.value("undeployed-listener-loader-collected")).as(result.describe()).isEqualTo("true");
  }

  @Test
  void aConfiguredClassWhoseLoaderCannotSeeTheHooksRunsAsWithoutTheAgentAndIsTold() throws Exception {
    Workspace ws = Workspace.in(Files.createDirectories(dir.resolve("isolated")));
    ws.config("""
        services:
          - { class: dev.herald.it.shapes.AccountService, entity: account }
          - { class: dev.herald.it.shapes.IsolatedLedger, entity: ledger }
        """ + Workspace.RECORDER);

    Jvm.Result with = ws.shapes("isolated").run(Timeouts.RUN);
    Jvm.Result without = Jvm.java().jar(Artifacts.shapesApp(), "isolated").workDir(ws.dir()).run(Timeouts.RUN);

    assertThat(with.exitCode()).as(with.describe()).isZero();
    for (String key : List.of("iso-create", "iso-update", "iso-delete")) {
      assertThat(with.value(key)).as("%s; %s", key, with.describe()).isEqualTo(without.value(key)).isNotNull();
    }
    assertThat(with.value("iso-update")).isEqualTo("java.lang.IllegalArgumentException: bad iso-2");
    assertThat(with.heraldLines("WARN")).as(with.describe())
        .filteredOn(line -> line.contains("IsolatedLedger")).singleElement().asString()
        .contains("run without Herald's events: the loader does not delegate dev.herald.* to the boot class path");
    Recording recording = ws.recording();
    assertThat(Calls.names(recording, "iso-4")).as("other loaders' classes emit as usual")
        .containsExactly("account.before.create", "account.after.create");
    assertThat(recording.events()).extracting(RecordedEvent::entity).doesNotContain("ledger");
  }

  @Test
  void aConfiguredClassAnotherAgentLoadedBeforeHeraldStartedIsInstrumentedToo() throws Exception {
    Path build = Files.createDirectories(dir.resolve("pre-build"));
    Path classes = Files.createDirectories(build.resolve("classes"));
    Path source = Files.createDirectories(build.resolve("src/it/pre")).resolve("PreAgent.java");
    Files.writeString(source, """
        package it.pre;
        public final class PreAgent {
          public static void premain(String args, java.lang.instrument.Instrumentation inst) throws Exception {
            Class.forName("dev.herald.it.shapes.AccountService"); // loaded before Herald's premain runs
          }
        }
        """);
    assertThat(javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d",
        classes.toString(), source.toString())).isZero();
    Files.createDirectories(classes.resolve("META-INF"));
    Files.writeString(classes.resolve("META-INF/MANIFEST.MF"), "Manifest-Version: 1.0\nPremain-Class: it.pre.PreAgent\n");
    Path preAgent = TestPlugins.merge(build.resolve("pre-agent.jar"), classes);
    Workspace ws = Workspace.in(Files.createDirectories(dir.resolve("pre")));
    Path config = ws.config("services:\n  - { class: dev.herald.it.shapes.AccountService, entity: account }\n"
        + Workspace.RECORDER);

    Jvm.Result result = Jvm.java().jvmArg("-javaagent:" + preAgent).agent(config).workDir(ws.dir())
        .jar(Artifacts.shapesApp(), "classloading").run(Timeouts.RUN);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(Calls.names(ws.recording(), "cl-1")).as(result.describe())
        .containsExactly("account.before.create", "account.after.create");
  }

  @Test
  void codeInANamedModuleUsesHeraldsApiFromTheAgentWithoutAddReads() throws Exception {
    // 'requires static dev.herald.api', the API left to the agent, and none of the module's classes
    // woven (which would have let its module read the API by the JVM's rule)
    Path mods = modularApp("static-api", "requires static dev.herald.api;", apiJar(null));

    Jvm.Result result = runModular(mods);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout()).as(result.describe()).contains("installed=true got=[note.after.create]");
  }

  @Test
  void aNamedModuleApplicationsOwnHeraldApiIsCheckedAgainstTheAgents() throws Exception {
    Path mods = modularApp("own-api", "requires dev.herald.api;", apiJar(null));
    Files.copy(apiJar(null), mods.resolve("herald-api.jar"));
    Jvm.Result same = runModular(mods);
    // another build of the API (here: one class left out, which nothing in this run loads)
    Files.delete(mods.resolve("herald-api.jar"));
    Files.copy(apiJar("dev/herald/api/EventPattern.class"), mods.resolve("herald-api.jar"));
    Jvm.Result other = runModular(mods);

    assertThat(same.stdout()).as(same.describe()).contains("installed=true got=[note.after.create]");
    assertThat(same.heraldLines()).as(same.describe()).noneMatch(line -> line.contains("herald-api"));
    assertThat(other.heraldLines("WARN")).as(other.describe()).filteredOn(line -> line.contains("herald-api"))
        .singleElement().asString()
        .contains("herald-api is on the module path, and Herald uses that copy too")
        .contains("(0.1.0-SNAPSHOT: EventPattern differs)");
  }

  /** herald-api as a jar a module path takes (named dev.herald.api), without {@code leftOut} if not null. */
  private Path apiJar(String leftOut) throws Exception {
    Path build = Files.createDirectories(dir.resolve("modular-api"));
    Path whole = build.resolve("whole.jar");
    if (!Files.exists(whole)) {
      Path manifest = Files.createDirectories(build.resolve("manifest/META-INF")).resolve("MANIFEST.MF");
      Files.writeString(manifest, "Manifest-Version: 1.0\nAutomatic-Module-Name: dev.herald.api\n");
      TestPlugins.merge(whole, build.resolve("manifest"), Artifacts.apiClasses()); // the first manifest wins
    }
    if (leftOut == null) {
      return whole;
    }
    Path partial = build.resolve("partial.jar");
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(whole));
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(partial))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (!entry.getName().equals(leftOut)) {
          out.putNextEntry(new ZipEntry(entry.getName()));
          in.transferTo(out);
          out.closeEntry();
        }
      }
    }
    return partial;
  }

  /** A module com.acme.modular whose main subscribes and publishes through Herald.bus(); its mods folder. */
  private Path modularApp(String name, String requires, Path api) throws Exception {
    Path build = Files.createDirectories(dir.resolve("modular-" + name));
    Path src = Files.createDirectories(build.resolve("src/com/acme/modular"));
    Files.writeString(build.resolve("src/module-info.java"), "module com.acme.modular { " + requires + " }\n");
    Files.writeString(src.resolve("Main.java"), """
        package com.acme.modular;
        import dev.herald.api.Event;
        import dev.herald.api.Herald;
        import dev.herald.api.Phase;
        public final class Main {
          public static void main(String[] args) throws Exception {
            java.util.List<String> got = new java.util.concurrent.CopyOnWriteArrayList<>();
            Herald.bus().on("note.*.*", event -> got.add(event.name()));
            Herald.bus().publish(Event.builder("note", Phase.AFTER, "create").build());
            Herald.bus().flush(java.time.Duration.ofSeconds(10));
            System.out.println("installed=" + Herald.installed() + " got=" + got);
          }
        }
        """);
    Path mods = build.resolve("mods");
    assertThat(javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17",
        "--module-path", api.toString(), "-d", mods.resolve("com.acme.modular").toString(),
        build.resolve("src/module-info.java").toString(), src.resolve("Main.java").toString())).isZero();
    return mods;
  }

  private Jvm.Result runModular(Path mods) throws Exception {
    Workspace ws = Workspace.in(Files.createDirectories(dir.resolve("modular-run")));
    Path config = ws.config("services:\n  - { class: com.acme.modular.NotHere, entity: note }\n");
    return Jvm.java().agent(config).jvmArg("--module-path").jvmArg(mods.toString()).workDir(ws.dir())
        .mainClass("-m", "com.acme.modular/com.acme.modular.Main").run(Timeouts.RUN);
  }

  @Test
  void pluginClassesAreNeverInstrumentedEvenWhenAPatternMatchesThem() throws Exception {
    Workspace ws = Workspace.in(Files.createDirectories(dir.resolve("own")));
    ws.config("""
        services:
          - { class: dev.herald.it.shapes.AccountService, entity: account }
          - { class: "dev.herald.it.recorder.*", entity: recorder, methods: { onEvent: record } }
        log: { level: debug }
        """ + Workspace.RECORDER);
    Jvm.Result result = ws.shapes("classloading").run(Timeouts.RUN);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.heraldLines()).as(result.describe())
        .anyMatch(line -> line.contains("instrumented dev.herald.it.shapes.AccountService"))
        .noneMatch(line -> line.contains("instrumented dev.herald.it.recorder."));
    assertThat(Calls.names(ws.recording(), "cl-1")).containsExactly("account.before.create", "account.after.create");
  }

  @Test
  void withoutTheAgentHeraldIsNotInstalledAndTheAppRunsUnchanged() {
    assertThat(withoutAgent.exitCode()).as(withoutAgent.describe()).isZero();
    assertThat(withoutAgent.value("installed")).isEqualTo("false");
    assertThat(withoutAgent.value("api-loader")).isNotEqualTo("bootstrap");
    assertThat(withoutAgent.heraldLines()).isEmpty();
    assertThat(withoutAgent.stdoutLines()).contains("DONE");
  }
}
