package dev.herald.agent.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.herald.agent.config.ConfigLoader;
import dev.herald.api.Event;
import dev.herald.api.Phase;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PluginStartTest extends PluginTestSupport {

  @Test
  void startsAPluginWithItsConfigAndOwnClassLoader() throws Exception {
    plugin("audit.jar", "audit");
    PluginManager manager = manager(Map.of("audit", Map.of("greeting", "hello")));

    manager.startAll();

    assertThat(manager.started()).containsExactly("audit");
    assertThat(logs.at(Level.INFO)).contains("plugin 'audit' started from plugins/audit.jar (0 subscriptions)");
    List<Object> start = bus.argsOf("plugin.after.start", "audit");
    assertThat(start.get(1)).isEqualTo("herald-plugin-start-audit");
    ClassLoader loader = (ClassLoader) start.get(2);
    assertThat(loader).isInstanceOf(URLClassLoader.class).isSameAs(start.get(5));
    assertThat(loader.getName()).isEqualTo("herald-plugin:audit.jar");
    assertThat(loader.getParent()).isSameAs(apiLoader);
    @SuppressWarnings("unchecked")
    Map<String, Object> config = (Map<String, Object>) start.get(3);
    assertThat(config).containsExactly(Map.entry("greeting", "hello"));
    assertThatThrownBy(() -> config.put("more", "x")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(start.get(4)).isEqualTo(baseDirectory);
  }

  @Test
  void saysThatTheTemporaryFolderNotTheJarIsWhatFailsWhenNoPrivateCopyCanBeMade() throws Exception {
    plugin("audit.jar", "audit");
    String tmpdir = System.getProperty("java.io.tmpdir");
    System.setProperty("java.io.tmpdir", folder.resolve("missing/tmp").toString()); // a read-only root filesystem
    try {
      manager(Map.of()).startAll();
    } finally {
      System.setProperty("java.io.tmpdir", tmpdir);
    }

    assertThat(logs.at(Level.ERROR)).singleElement().asString()
        .startsWith("plugins/audit.jar: cannot make its private copy under java.io.tmpdir (")
        .contains("-Djava.io.tmpdir=").doesNotContain("cannot be read");
  }

  @Test
  void givesAnEmptyConfigToAPluginWithoutSettings() throws Exception {
    plugin("audit.jar", "audit");
    manager(Map.of()).startAll();

    assertThat((Map<?, ?>) bus.argsOf("plugin.after.start", "audit").get(3)).isEmpty();
  }

  @Test
  void namesSubscriptionsAfterThePluginAndDeliversWithItsContextClassLoader() throws Exception {
    plugin("audit.jar", "audit");
    PluginManager manager = manager(Map.of("audit",
        Map.of("subscribe", "order.after.*", "subscribe-lambda", "*.failed.*")));
    manager.startAll();

    assertThat(logs.at(Level.INFO)).contains("plugin 'audit' started from plugins/audit.jar (2 subscriptions)");
    assertThat(bus.subscriptions()).extracting(s -> s.name + " " + s.pattern)
        .containsExactly("audit:Recorder order.after.*", "audit:listener *.failed.*");

    ClassLoader mine = Thread.currentThread().getContextClassLoader();
    bus.deliver(Event.builder("order", Phase.AFTER, "create").build());

    List<Object> seen = bus.argsOf("plugin.after.seen", "audit");
    assertThat(seen.get(2)).isEqualTo("order.after.create");
    assertThat(seen.get(1)).as("context class loader during onEvent")
        .isSameAs(bus.argsOf("plugin.after.start", "audit").get(5));
    assertThat(Thread.currentThread().getContextClassLoader()).as("restored after onEvent").isSameAs(mine);
  }

  @Test
  void skipsAPluginWhoseStartThrowsAndStartsTheOthers() throws Exception {
    plugin("a-bad.jar", "bad");
    plugin("b-good.jar", "good");
    List<Object> journal = Collections.synchronizedList(new ArrayList<>());
    PluginManager manager = manager(Map.of(
        "bad", Map.of("subscribe", "order.*.*", "fail-start", true, "journal", journal),
        "good", Map.of("journal", journal)));

    manager.startAll();

    assertThat(manager.started()).containsExactly("good");
    assertThat(logs.at(Level.ERROR)).singleElement().asString().startsWith(
        "plugin 'bad' (plugins/a-bad.jar) failed to start: java.lang.IllegalStateException: start refused by bad,"
        + " at fixture.ScriptedPlugin.start(ScriptedPlugin.java:").endsWith(") (full trace at log level debug)");
    assertThat(bus.subscriptions()).singleElement()
        .satisfies(s -> assertThat(s.closed).as("subscription of the failed plugin closed").isTrue());

    manager.stopAll(Duration.ofSeconds(5));
    assertThat(journal).containsExactly("start:bad", "start:good", "stop:good");
  }

  @Test
  void aFailedStartSaysWhereInThePluginItHappened() throws Exception {
    plugin("a-cast.jar", "cast");
    plugin("b-null.jar", "null");
    PluginManager manager = manager(Map.of("cast", Map.of("port", 9000L), "null", Map.of("needs", true)));

    manager.startAll();

    assertThat(logs.at(Level.ERROR)).satisfiesExactly(
        cast -> assertThat(cast).startsWith("plugin 'cast' (plugins/a-cast.jar) failed to start:"
            + " java.lang.ClassCastException: class java.lang.Long cannot be cast to class java.lang.Integer")
            .containsPattern(", at fixture\\.ScriptedPlugin\\.start\\(ScriptedPlugin\\.java:\\d+\\)"
                + " \\(full trace at log level debug\\)$"),
        // thrown by java.util.Objects: the frame named is the plugin's call, not the JDK's
        npe -> assertThat(npe).startsWith("plugin 'null' (plugins/b-null.jar) failed to start:"
            + " java.lang.NullPointerException: needed, at fixture.ScriptedPlugin.start(ScriptedPlugin.java:"));
    manager.stopAll(Duration.ofSeconds(5));
  }

  @Test
  void aJdkClassMissingAtStartNamesItsModuleAndTheFlagThatAddsIt() throws Exception {
    // the JVM running the tests resolves every JDK module but incubators: as java.net.http for an -m application
    plugin("a-vector.jar", "vector");
    plugin("b-nosuch.jar", "nosuch");
    PluginManager manager = manager(Map.of("vector", Map.of("missing-class", "jdk/incubator/vector/IntVector"),
        "nosuch", Map.of("missing-class", "java/nosuch/Thing")));

    manager.startAll();

    assertThat(logs.at(Level.ERROR)).satisfiesExactly(
        vector -> assertThat(vector).startsWith("plugin 'vector' (plugins/a-vector.jar) failed to start:"
            + " java.lang.NoClassDefFoundError: jdk/incubator/vector/IntVector, at fixture.ScriptedPlugin.start(")
            .endsWith("; the class is in the JDK module jdk.incubator.vector, which this JVM did not resolve:"
                + " add --add-modules jdk.incubator.vector to the java command line (full trace at log level debug)"),
        nosuch -> assertThat(nosuch).contains("; no module of this Java runtime holds package java.nosuch"
            + " (a runtime made by jlink without it)"));
    manager.stopAll(Duration.ofSeconds(5));
  }

  @Test
  void aSettingsProblemIsReportedByItsMessageAndWhereTheSettingsAre() throws Exception {
    plugin("a-picky.jar", "picky");
    PluginManager manager = manager(Map.of("picky", Map.of("bad-setting", "show-arg")));

    manager.startAll();

    assertThat(logs.at(Level.ERROR)).containsExactly("plugin 'picky' (plugins/a-picky.jar) failed to start:"
        + " picky: unknown setting 'show-arg' (the settings under plugins.config.picky)");
    manager.stopAll(Duration.ofSeconds(5));
  }

  @Test
  void anIllegalArgumentFromAPluginWithoutSettingsIsNotBlamedOnSettings() throws Exception {
    plugin("m.jar", "malformed");
    PluginManager manager = manager(Map.of());

    manager.startAll();

    assertThat(logs.at(Level.ERROR)).singleElement().asString()
        .startsWith("plugin 'malformed' (plugins/m.jar) failed to start: java.lang.IllegalArgumentException:")
        .contains("order.*").doesNotContain("settings");
    manager.stopAll(Duration.ofSeconds(5));
  }

  @Test
  void aSettingsProblemNamesTheFileAndLineOfSettingsReadFromAConfigFile() throws Exception {
    plugin("a-picky.jar", "picky");
    Map<String, Map<String, Object>> configs = ConfigLoader.parse("""
        plugins:
          config:
            other: {}
            picky:
              bad-setting: show-arg
        """, Path.of("conf/herald.yaml"), name -> null).plugins().config();
    PluginManager manager = manager(configs);

    manager.startAll();

    assertThat(logs.at(Level.ERROR)).containsExactly("plugin 'picky' (plugins/a-picky.jar) failed to start:"
        + " picky: unknown setting 'show-arg' (the settings under plugins.config.picky, "
        + Path.of("conf/herald.yaml") + ":4)");
    manager.stopAll(Duration.ofSeconds(5));
  }

  @Test
  @Timeout(30)
  void abandonsAPluginWhoseStartHangsAndCarriesOn() throws Exception {
    plugin("a-slow.jar", "slow");
    plugin("b-fast.jar", "fast");
    CountDownLatch release = new CountDownLatch(1);
    List<Object> journal = Collections.synchronizedList(new ArrayList<>());
    PluginManager manager = manager(Map.of(
        "slow", Map.of("block", release, "subscribe-late", "order.*.*", "journal", journal),
        "fast", Map.of("journal", journal)), Duration.ofSeconds(1)); // room for 'fast' on a busy machine

    manager.startAll();

    assertThat(manager.started()).containsExactly("fast");
    assertThat(logs.at(Level.ERROR)).containsExactly(
        "plugin 'slow' did not start within 1s; the application goes on without waiting");

    release.countDown();
    logs.await(Level.INFO, "plugin 'slow' (plugins/a-slow.jar) finished starting after the start timeout"
        + " (1 subscription)", Duration.ofSeconds(10));
    assertThat(manager.started()).containsExactly("slow", "fast");
    bus.deliver(Event.builder("order", Phase.BEFORE, "create").build());
    assertThat(bus.argsOf("plugin.after.seen", "slow").get(2)).isEqualTo("order.before.create");

    manager.stopAll(Duration.ofSeconds(5));
    assertThat(journal).containsExactly("start:slow", "start:fast", "stop:fast", "stop:slow");
  }

  @Test
  @Timeout(30)
  void stopsAPluginWhoseStartNeverReturned() throws Exception {
    plugin("slow.jar", "slow");
    CountDownLatch release = new CountDownLatch(1);
    List<Object> journal = Collections.synchronizedList(new ArrayList<>());
    PluginManager manager = manager(Map.of("slow", Map.of("block", release, "journal", journal)),
        Duration.ofMillis(300));
    try {
      manager.startAll();
      manager.stopAll(Duration.ofSeconds(5));

      assertThat(logs.at(Level.ERROR)).containsExactly(
          "plugin 'slow' did not start within 300ms; the application goes on without waiting");
      assertThat(manager.started()).isEmpty();
      assertThat(journal).containsExactly("start:slow", "stop:slow");
    } finally {
      release.countDown();
    }
  }

  @Test
  void refusesASecondPluginOfTheSameName() throws Exception {
    plugin("a.jar", "dup");
    plugin("b.jar", "dup");
    PluginManager manager = manager(Map.of());

    manager.startAll();

    assertThat(manager.started()).containsExactly("dup");
    assertThat(bus.published("plugin.after.start")).hasSize(1);
    assertThat(logs.at(Level.ERROR)).singleElement().asString()
        .startsWith("plugin 'dup' of plugins/b.jar (fixture.ScriptedPlugin) refused: plugins/a.jar already"
            + " has a plugin of that name");
  }

  @Test
  void warnsOnceAboutSettingsForAPluginThatWasNotLoaded() throws Exception {
    plugin("audit-log.jar", "audit-log");
    plugin("slack.jar", "slack");
    PluginManager manager = manager(Map.of("slak", Map.of(), "audit-log", Map.of()));

    manager.startAll();
    manager.startAll();

    assertThat(logs.at(Level.WARN)).containsExactly("plugins.config has settings for 'slak', but no plugin"
        + " of that name was loaded (did you mean 'slack'? loaded: audit-log, slack)");
  }

  @Test
  void settingsForAPluginNotLoadedNameTheJarsThatCouldNotBeLoaded() throws Exception {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("audit-log.jar"), "not a zip: a copy that failed, say");
    plugin("console.jar", "console");
    fixtures.jar().pluginName("slack").service("fixture.Missing").writeTo(folder.resolve("slack.jar"));
    PluginManager manager = manager(Map.of("audit-log", Map.of(), "console", Map.of()));

    manager.startAll();

    assertThat(logs.at(Level.ERROR)).hasSize(2);
    assertThat(logs.at(Level.WARN)).containsExactly("plugins.config has settings for 'audit-log', but no plugin"
        + " of that name was loaded (loaded: console; 2 jars in the folder could not be loaded, see the ERRORs"
        + " above: plugins/audit-log.jar, plugins/slack.jar)");
  }

  @Test
  void aSkippedJarThatLoadsLaterIsNoLongerNamed() throws Exception {
    Path jar = Files.writeString(Files.createDirectories(folder).resolve("audit-log.jar"), "not a zip");
    PluginManager manager = manager(Map.of("audit-log", Map.of()));
    manager.startAll();
    assertThat(logs.at(Level.WARN)).containsExactly("plugins.config has settings for 'audit-log', but no plugin"
        + " of that name was loaded (loaded: none; 1 jar in the folder could not be loaded, see the ERROR above:"
        + " plugins/audit-log.jar)");

    Files.delete(jar);
    plugin("audit-log.jar", "audit");
    settle(manager);
    manager.reconfigure(Map.of("audit-log", Map.of(), "slak", Map.of()));

    assertThat(logs.at(Level.WARN)).last().isEqualTo("plugins.config has settings for 'slak', but no plugin"
        + " of that name was loaded (loaded: audit)");
  }

  @Test
  void loadsNothingWithoutAFolder() {
    PluginManager manager = new PluginManager(null, Map.of("slack", Map.of()), baseDirectory,
        Duration.ofSeconds(1), bus, bus::subscribe, apiLoader);

    manager.startAll();

    assertThat(manager.started()).isEmpty();
    assertThat(logs.at(Level.WARN)).containsExactly("plugins.config has settings for 'slack', but no plugin"
        + " of that name was loaded (loaded: none)");
  }

  @Test
  void productionLoadersSeeNeitherTheApplicationNorTheTestClassPath() throws Exception {
    // In a real run the platform loader reaches the API on the bootstrap class path. Here the API
    // is only on the test class path, so a plugin loader parented like production must not find
    // it: if it did, the loader would have the application's class loader above it.
    Path jar = plugin("audit.jar", "audit");
    PluginManager manager = new PluginManager(folder, Map.of(), baseDirectory, Duration.ofSeconds(5),
        bus, bus::subscribe);

    manager.startAll();
    manager.close();

    assertThat(manager.started()).isEmpty();
    assertThat(logs.at(Level.ERROR)).singleElement().asString()
        .startsWith("plugins/" + jar.getFileName() + ": cannot create a plugin")
        .contains("fixture.ScriptedPlugin", "NoClassDefFoundError: dev/herald/api/HeraldPlugin");
  }
}
