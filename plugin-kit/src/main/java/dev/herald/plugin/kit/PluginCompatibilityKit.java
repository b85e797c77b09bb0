package dev.herald.plugin.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.herald.api.Event;
import dev.herald.api.HeraldPlugin;
import dev.herald.api.Phase;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every Herald plugin keeps, as tests a plugin's own test class inherits.
 *
 * <p>Extend it, return a new plugin from {@link #createPlugin()} and, when the plugin needs
 * settings to subscribe (a file, a URL, rules), return them from {@link #config(Path)}. Each test
 * starts a fresh plugin on a fresh {@link TestBus}, publishes events named {@code
 * entity().phase.operation()} and checks that: the plugin has a name and subscribes; it receives
 * and handles all three phases; no listener ever throws into the bus, whatever the arguments,
 * results and errors ({@link OddValues}); it stops cleanly after use, and right after its start
 * with no event seen, and leaves no non-daemon thread behind (the agent never stops a plugin that
 * did not start). {@link #afterEvents(HeraldPlugin)} lets an asynchronous plugin wait
 * for its own work before the kit looks at the result.
 *
 * <p>Tests run one at a time per instance; JUnit creates an instance per test.
 */
public abstract class PluginCompatibilityKit {

  /** A fresh folder per test, the plugin's base directory. */
  @TempDir
  protected Path tempDir;

  /** The bus of the current test. */
  protected final TestBus bus = new TestBus();

  private HeraldPlugin started;

  /** A new, unstarted plugin. Called once per test. */
  protected abstract HeraldPlugin createPlugin();

  /**
   * The settings the plugin starts with; by default none. The events the kit publishes must match
   * what the plugin subscribes to with them.
   *
   * @param tempDir this test's folder, the plugin's base directory
   */
  protected Map<String, Object> config(Path tempDir) {
    return Map.of();
  }

  /** The entity of the events the kit publishes; {@code "order"} unless overridden. */
  protected String entity() {
    return "order";
  }

  /** The operation of the events the kit publishes; {@code "create"} unless overridden. */
  protected String operation() {
    return "create";
  }

  /**
   * Called after the kit published its events and before it checks the outcome; does nothing by
   * default. A plugin that hands work to its own threads may wait here (with a timeout) until that
   * work is done, so that failures there show.
   */
  protected void afterEvents(HeraldPlugin plugin) throws Exception {}

  /** Creates the plugin, starts it on this test's bus and remembers it for {@link #stopPlugin()}. */
  protected final HeraldPlugin startPlugin() throws Exception {
    HeraldPlugin plugin = createPlugin();
    plugin.start(new TestPluginContext(bus, config(tempDir), tempDir));
    started = plugin;
    return plugin;
  }

  @AfterEach
  void stopPlugin() throws Exception {
    if (started != null) {
      HeraldPlugin plugin = started;
      started = null;
      plugin.stop();
      bus.closeAll();
    }
  }

  @Test
  void checkSettingsAcceptsTheSettingsItStartsWith() {
    // `java -jar herald-agent.jar check` must not fail a config the plugin starts with
    HeraldPlugin plugin = createPlugin();

    assertThatCode(() -> plugin.checkSettings(Collections.unmodifiableMap(config(tempDir))))
        .as("checkSettings(config(tempDir))").doesNotThrowAnyException();
  }

  @Test
  void hasANameAndSubscribesOnStart() throws Exception {
    HeraldPlugin plugin = startPlugin();

    assertThat(plugin.name()).as("name()").isNotBlank().doesNotContainAnyWhitespaces();
    assertThat(bus.openSubscriptions()).as("subscriptions made in start()").isNotEmpty();
  }

  @Test
  void handlesEveryPhase() throws Exception {
    HeraldPlugin plugin = startPlugin();

    for (Event event : TestEvents.allPhases(entity(), operation(), "argument", 42L)) {
      long before = bus.deliveries();
      bus.publish(event);
      assertThat(bus.deliveries()).as("listener calls for %s", event.name()).isGreaterThan(before);
    }
    afterEvents(plugin);
    assertThat(bus.failures()).as("listener failures").isEmpty();
  }

  @Test
  void handlesSparseEvents() throws Exception {
    HeraldPlugin plugin = startPlugin();

    for (Phase phase : Phase.values()) {
      bus.publish(TestEvents.sparse(entity(), phase, operation()));
    }
    afterEvents(plugin);
    assertThat(bus.failures()).as("listener failures").isEmpty();
  }

  @Test
  void neverThrowsIntoTheBusWhateverTheArguments() throws Exception {
    HeraldPlugin plugin = startPlugin();

    TestEvents.withOddValues(entity(), operation()).forEach(bus::publish);
    afterEvents(plugin);
    assertThat(bus.failures()).as("listener failures on odd values").isEmpty();
  }

  @Test
  void stopsCleanlyAndToleratesLateEvents() throws Exception {
    Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
    HeraldPlugin plugin = startPlugin();
    TestEvents.allPhases(entity(), operation(), "x").forEach(bus::publish);
    afterEvents(plugin);

    started = null;
    assertThatCode(plugin::stop).as("stop()").doesNotThrowAnyException();
    // The agent closes a plugin's subscriptions only after stop(): events may still arrive.
    TestEvents.allPhases(entity(), operation(), "late").forEach(bus::publish);
    bus.closeAll();

    assertThat(bus.failures()).as("listener failures").isEmpty();
    assertThat(lingeringNonDaemonThreads(threadsBefore)).as("non-daemon threads left after stop()").isEmpty();
  }

  /** A JVM that exits just after start-up stops its plugins before any event came: no work to flush. */
  @Test
  void stopsRightAfterStartingWithNoEvents() throws Exception {
    Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
    HeraldPlugin plugin = startPlugin();

    started = null;
    assertThatCode(plugin::stop).as("stop() right after start(), no event seen").doesNotThrowAnyException();
    bus.closeAll();

    assertThat(lingeringNonDaemonThreads(threadsBefore)).as("non-daemon threads left after stop()").isEmpty();
  }

  private static List<String> lingeringNonDaemonThreads(Set<Thread> before) throws InterruptedException {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (!before.contains(thread) && !thread.isDaemon()) {
        thread.join(5_000); // an executor shut down in stop() may take a moment to end its threads
      }
    }
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && !t.isDaemon() && t.isAlive())
        .map(Thread::getName)
        .collect(Collectors.toList());
  }
}
