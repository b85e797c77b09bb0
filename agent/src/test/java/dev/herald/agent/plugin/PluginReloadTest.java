package dev.herald.agent.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.herald.api.Event;
import dev.herald.api.Phase;
import java.lang.ref.WeakReference;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jars added, removed, replaced and half-written in the plugin folder while the application runs. */
class PluginReloadTest extends PluginTestSupport {

  private final List<Object> journal = Collections.synchronizedList(new ArrayList<>());

  @Test
  void startsAJarAddedWhileRunningOnceItHasStoppedChanging() throws Exception {
    PluginManager manager = manager(Map.of("audit", Map.of("journal", journal, "subscribe", "order.*.*")));
    manager.startAll();
    plugin("audit.jar", "audit");

    assertThat(manager.rescan().isEmpty()).as("first sight: it may still be being copied").isTrue();
    PluginChanges changes = manager.rescan();

    assertThat(changes.started()).containsExactly("audit");
    assertThat(manager.started()).containsExactly("audit");
    assertThat(journal).containsExactly("start:audit");
    assertThat(logs.at(Level.INFO)).containsExactly("plugin 'audit' started from plugins/audit.jar (1 subscription)");
    bus.deliver(Event.builder("order", Phase.AFTER, "create").build());
    assertThat(bus.argsOf("plugin.after.seen", "audit").get(2)).isEqualTo("order.after.create");
    assertThat(manager.rescan().isEmpty()).as("nothing changed since").isTrue();
  }

  @Test
  void stopsThePluginsOfARemovedJarAndDeletesItsPrivateCopy() throws Exception {
    Path jar = plugin("audit.jar", "audit");
    PluginManager manager = manager(Map.of("audit", Map.of("journal", journal, "subscribe", "order.*.*")));
    manager.startAll();
    URLClassLoader loader = (URLClassLoader) bus.argsOf("plugin.after.start", "audit").get(5);
    Path copy = Path.of(loader.getURLs()[0].toURI());
    assertThat(copy).exists().isNotEqualTo(jar).hasSameBinaryContentAs(jar);

    Files.delete(jar);
    assertThat(loader.getResource("version.txt")).as("a loader reads its copy, not the folder").isNull();
    assertThat(loader.getResource("plugin-name.txt")).as("classes still load after the file went").isNotNull();
    PluginChanges changes = manager.rescan();

    assertThat(changes.stopped()).containsExactly("audit");
    assertThat(journal).containsExactly("start:audit", "stop:audit");
    assertThat(bus.subscriptions()).singleElement().satisfies(s -> assertThat(s.closed).isTrue());
    assertThat(loader.getResource("plugin-name.txt")).as("its class loader is closed").isNull();
    assertThat(copy).doesNotExist();
    assertThat(copy.getParent()).doesNotExist();
    assertThat(logs.at(Level.INFO)).contains("plugin 'audit' stopped (plugins/audit.jar removed)");
    assertThat(manager.started()).isEmpty();
    assertThat(manager.plugins()).isEmpty();
  }

  @Test
  void letsTheClassLoaderOfARemovedJarBeCollected() throws Exception {
    Path jar = plugin("audit.jar", "audit");
    PluginManager manager = manager(Map.of("audit", Map.of("subscribe", "order.*.*")));
    manager.startAll();
    WeakReference<ClassLoader> loader =
        new WeakReference<>((ClassLoader) bus.argsOf("plugin.after.start", "audit").get(5));

    Files.delete(jar);
    manager.rescan();
    bus.forgetPublished(); // the test's own references to the plugin's objects

    for (int i = 0; i < 50 && loader.get() != null; i++) {
      System.gc();
      byte[][] pressure = new byte[64][];
      Arrays.setAll(pressure, n -> new byte[64 * 1024]);
    }
    assertThat(loader.get()).as("the removed plugin's class loader was collected").isNull();
  }

  @Test
  void restartsThePluginsOfAReplacedJarFromTheNewContent() throws Exception {
    plugin("audit.jar", "audit");
    plugin("other.jar", "other");
    PluginManager manager = manager(Map.of("audit", Map.of("journal", journal, "subscribe", "order.*.*"),
        "other", Map.of("journal", journal)));
    manager.startAll();
    ClassLoader before = (ClassLoader) bus.argsOf("plugin.after.start", "audit").get(5);

    plugin("audit.jar", "audit", "2");
    PluginChanges changes = settle(manager);

    assertThat(changes.restarted()).containsExactly("audit");
    assertThat(journal).containsExactly("start:audit", "start:other", "stop:audit", "start:audit");
    assertThat(logs.at(Level.INFO)).contains(
        "plugin 'audit' restarted from plugins/audit.jar, which was replaced (1 subscription)");
    ClassLoader after = (ClassLoader) bus.published("plugin.after.start").get(2).args().get(5);
    assertThat(after).isNotSameAs(before);
    assertThat(after.getResource("version.txt")).as("the new content").isNotNull();
    assertThat(before.getResource("plugin-name.txt")).as("the old loader is closed").isNull();
    assertThat(bus.subscriptions()).extracting(s -> s.closed).containsExactly(true, false);
    assertThat(manager.started()).containsExactly("audit", "other");
  }

  @Test
  void leavesAJarAloneWhoseFileChangedButNotItsContent() throws Exception {
    Path jar = plugin("audit.jar", "audit");
    PluginManager manager = manager(Map.of("audit", Map.of("journal", journal)));
    manager.startAll();

    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
    PluginChanges changes = settle(manager);

    assertThat(changes.isEmpty()).as(changes.toString()).isTrue();
    assertThat(journal).containsExactly("start:audit");
  }

  @Test
  void stopsAPluginThatAReplacedJarNoLongerHas() throws Exception {
    plugin("suite.jar", "audit");
    PluginManager manager = manager(Map.of("audit", Map.of("journal", journal)));
    manager.startAll();

    plugin("suite.jar", "metrics", "2");
    PluginChanges changes = settle(manager);

    assertThat(changes.stopped()).containsExactly("audit");
    assertThat(changes.started()).containsExactly("metrics");
    assertThat(logs.at(Level.INFO)).contains(
        "plugin 'audit' stopped (plugins/suite.jar was replaced by a version without it)",
        "plugin 'metrics' started from plugins/suite.jar (0 subscriptions)");
  }

  @Test
  void neverLoadsAJarWhileItIsStillBeingWritten() throws Exception {
    byte[] whole = Files.readAllBytes(fixtures.scripted(root.resolve("build/audit.jar"), "audit"));
    PluginManager manager = manager(Map.of());
    manager.startAll();
    Path jar = Files.createDirectories(folder).resolve("audit.jar");

    Files.write(jar, Arrays.copyOf(whole, whole.length / 3));
    assertThat(manager.rescan().isEmpty()).isTrue();
    Files.write(jar, Arrays.copyOf(whole, 2 * whole.length / 3)); // grew since the last scan: wait
    assertThat(manager.rescan().isEmpty()).isTrue();
    Files.write(jar, whole);
    assertThat(manager.rescan().isEmpty()).isTrue();
    assertThat(manager.rescan().started()).containsExactly("audit");

    assertThat(logs.at(Level.ERROR)).isEmpty();
  }

  @Test
  void reportsAStalledHalfJarOnceAndLoadsItWhenComplete() throws Exception {
    byte[] whole = Files.readAllBytes(fixtures.scripted(root.resolve("build/audit.jar"), "audit"));
    PluginManager manager = manager(Map.of());
    manager.startAll();
    Path jar = Files.createDirectories(folder).resolve("audit.jar");

    Files.write(jar, Arrays.copyOf(whole, whole.length / 2));
    assertThat(settle(manager).failed()).containsExactly("plugins/audit.jar");
    manager.rescan();
    manager.rescan();
    assertThat(logs.at(Level.ERROR)).singleElement().asString()
        .startsWith("plugins/audit.jar is not a jar file");

    Files.write(jar, whole);
    assertThat(settle(manager).started()).containsExactly("audit");
    assertThat(logs.at(Level.ERROR)).hasSize(1);
  }

  @Test
  void refusesANewJarWithTheNameOfARunningPluginOnce() throws Exception {
    plugin("a.jar", "audit");
    PluginManager manager = manager(Map.of("audit", Map.of("journal", journal)));
    manager.startAll();

    plugin("b.jar", "audit");
    PluginChanges changes = settle(manager);
    manager.rescan();

    assertThat(changes.isEmpty()).as(changes.toString()).isTrue();
    assertThat(journal).containsExactly("start:audit");
    assertThat(logs.at(Level.ERROR)).singleElement().asString().isEqualTo("plugin 'audit' of plugins/b.jar"
        + " (fixture.ScriptedPlugin) refused: plugins/a.jar already has a plugin of that name; plugin names must"
        + " be unique (jars load in file-name order): remove the jar you do not want, an older version left beside"
        + " a newer one, say");
  }

  @Test
  void keepsThePluginsRunningWhenTheFolderGoes() throws Exception {
    Path jar = plugin("audit.jar", "audit");
    PluginManager manager = manager(Map.of("audit", Map.of("journal", journal)));
    manager.startAll();

    Files.delete(jar);
    Files.delete(folder);
    assertThat(manager.rescan().isEmpty()).isTrue();
    manager.rescan();

    assertThat(manager.started()).containsExactly("audit");
    assertThat(logs.at(Level.WARN)).containsExactly("plugin folder " + folder
        + " is gone or cannot be read; the plugins running keep running");

    Files.createDirectories(folder);
    manager.rescan();
    manager.rescan();
    assertThat(logs.at(Level.INFO)).containsOnlyOnce("plugin folder " + folder
        + " can be read again; following its changes");
  }
}
