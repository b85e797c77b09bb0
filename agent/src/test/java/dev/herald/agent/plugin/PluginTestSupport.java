package dev.herald.agent.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the plugin manager tests share: the compiled fixture plugins, a plugin folder named {@code
 * plugins} in a temporary directory, a recording bus, the captured log, and clean-up that stops
 * every manager and joins every thread the plugins ran on, so no test leaks into the next.
 */
abstract class PluginTestSupport {

  @TempDir
  static Path compiled;

  static PluginFixtures fixtures;

  @TempDir
  Path root;

  Path folder;
  Path baseDirectory;
  final RecordingBus bus = new RecordingBus();
  final ApiOnlyClassLoader apiLoader = new ApiOnlyClassLoader();
  LogCapture logs;
  private final List<PluginManager> managers = new ArrayList<>();

  @BeforeAll
  static void compileFixtures() throws Exception {
    fixtures = PluginFixtures.compile(compiled);
  }

  @BeforeEach
  void setUpFolders() {
    folder = root.resolve("plugins");
    baseDirectory = root.resolve("conf");
    logs = new LogCapture();
  }

  @AfterEach
  void stopAndJoin() throws InterruptedException {
    managers.forEach(PluginManager::close);
    logs.close();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      String name = thread.getName();
      if (name.startsWith("herald-plugin-") || name.startsWith("left-by-")) {
        thread.join(Duration.ofSeconds(10).toMillis());
        assertThat(thread.isAlive()).as("thread %s ended after the test", name).isFalse();
      }
    }
  }

  PluginManager manager(Map<String, Map<String, Object>> configs) {
    return manager(configs, Duration.ofSeconds(10));
  }

  PluginManager manager(Map<String, Map<String, Object>> configs, Duration startTimeout) {
    PluginManager manager = new PluginManager(folder, configs, baseDirectory, startTimeout, bus,
        bus::subscribe, apiLoader);
    managers.add(manager);
    return manager;
  }

  /** A jar of the scripted plugin named {@code pluginName} in the plugin folder. */
  Path plugin(String fileName, String pluginName) throws Exception {
    return fixtures.scripted(folder.resolve(fileName), pluginName);
  }

  /** As {@link #plugin(String, String)}, with other content (and size): a {@code version.txt} entry. */
  Path plugin(String fileName, String pluginName, String version) throws Exception {
    return fixtures.jar().pluginName(pluginName).service(PluginFixtures.SCRIPTED)
        .entry("version.txt", version.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .writeTo(folder.resolve(fileName));
  }

  /** Two rescans, as two polls of the config watcher: a new or changed jar is read at the second. */
  static PluginChanges settle(PluginManager manager) {
    PluginChanges first = manager.rescan();
    assertThat(first.started()).as("nothing new starts at the first sight of a jar").isEmpty();
    return manager.rescan();
  }
}
