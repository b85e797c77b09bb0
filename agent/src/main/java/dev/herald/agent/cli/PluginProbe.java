package dev.herald.agent.cli;

import dev.herald.agent.cli.CheckReport.Finding;
import dev.herald.agent.cli.CheckReport.PluginReport;
import dev.herald.agent.config.KeySuggestions;
import dev.herald.agent.config.PlacedSettings;
import dev.herald.agent.config.PluginSettings;
import dev.herald.agent.plugin.ClassVersions;
import dev.herald.api.HeraldPlugin;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Loads each jar of the plugin folder as the agent would (its own class loader over the API, found
 * with {@link ServiceLoader}) and creates its plugins to learn their names, without starting them.
 * A jar that cannot be loaded is a warning: the agent skips it and runs on. A class for a newer Java
 * than this one is an error: the agent refuses the jar (or, for a class it would not see first,
 * would fail at every event).
 */
final class PluginProbe {

  private static final String SERVICES = "META-INF/services/" + HeraldPlugin.class.getName();

  private static final long CHECK_TIMEOUT_MILLIS = 10_000;

  private final List<PluginReport> reports = new ArrayList<>();
  private final List<Finding> findings = new ArrayList<>();
  private final Set<String> refusedJars = new HashSet<>();

  /** Probes the folder of {@code settings}; {@code apiLoader} must see the API and the JDK only. */
  static PluginProbe run(PluginSettings settings, ClassLoader apiLoader) {
    PluginProbe probe = new PluginProbe();
    if (settings.path() != null) {
      probe.probeFolder(settings, apiLoader);
    } else {
      settings.config().keySet().forEach(name -> probe.findings.add(Finding.warning("plugin-config", -1,
          "plugins.config." + name + ": there is no plugin folder (plugins.path), so no plugin is loaded")));
    }
    return probe;
  }

  List<PluginReport> reports() {
    return reports;
  }

  List<Finding> findings() {
    return findings;
  }

  private void probeFolder(PluginSettings settings, ClassLoader apiLoader) {
    Set<String> names = new HashSet<>();
    Map<String, String> jarOf = new HashMap<>();
    try (Stream<Path> files = Files.list(settings.path())) {
      for (Path jar : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".jar")).sorted()::iterator) {
        PluginReport report = probeJar(jar, apiLoader, settings, names);
        reports.add(report);
        names.addAll(report.names());
        for (String name : report.names()) {
          String other = jarOf.putIfAbsent(name, report.jar());
          if (other != null) {
            findings.add(Finding.warning("plugin", -1, "plugin '" + name + "' is in " + (other.equals(report.jar())
                ? report.jar() + " twice" : other + " and " + report.jar()) + "; plugin names must be unique,"
                + " so the agent runs only the first it loads and refuses the other"));
          }
        }
        if (report.problem() != null && refusedJars.contains(report.jar())) {
          findings.add(Finding.error("plugin-class-version", "plugin " + jar.getFileName() + ": " + report.problem()));
        } else if (report.problem() != null) {
          findings.add(Finding.warning("plugin", -1, "plugin " + jar.getFileName() + ": " + report.problem()));
        }
      }
    } catch (IOException e) {
      findings.add(Finding.warning("plugin", -1, "plugin folder " + settings.path() + " cannot be read: " + e));
    }
    for (String configured : settings.config().keySet()) {
      if (!names.contains(configured)) {
        String near = KeySuggestions.nearest(configured, names).orElse(null);
        findings.add(Finding.warning("plugin-config", -1, "plugins.config." + configured
            + ": no plugin of that name in " + settings.path() + (near == null ? "" : " (did you mean '" + near + "'?)")));
      }
    }
  }

  /** Asks the plugin whether it would accept its settings ({@link HeraldPlugin#checkSettings}). */
  private void checkSettings(HeraldPlugin plugin, ClassLoader loader, PluginSettings settings) {
    String name = plugin.name();
    Map<String, Object> mine = settings.config().get(name);
    String where = "plugins.config." + name + (mine instanceof PlacedSettings placed && placed.place() != null
        ? " (" + placed.place() + ")" : mine == null ? " (absent: the plugin gets no settings)" : "");
    Map<String, Object> given = mine == null ? Map.of() : Collections.unmodifiableMap(mine);
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    // on a thread of its own, bounded: a plugin's check that hangs must not hang a CI pipeline
    Thread call = new Thread(() -> {
      try {
        plugin.checkSettings(given);
      } catch (Throwable t) {
        outcome.set(t);
      }
    }, "herald-check-" + name);
    call.setDaemon(true);
    call.setContextClassLoader(loader);
    call.start();
    try {
      call.join(CHECK_TIMEOUT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Throwable failure = outcome.get();
    if (call.isAlive()) {
      findings.add(Finding.warning("plugin-settings", -1, where + ": plugin '" + name
          + "' did not finish checking them within " + CHECK_TIMEOUT_MILLIS / 1000 + " s"));
    } else if (failure instanceof IllegalArgumentException refused) {
      findings.add(Finding.error("plugin-settings", where + ": plugin '" + name + "' refuses them: "
          + (refused.getMessage() != null ? refused.getMessage() : refused.toString())));
    } else if (failure != null) { // LinkageError, a bug in the check: it cannot tell, the start will
      findings.add(Finding.warning("plugin-settings", -1, where + ": plugin '" + name
          + "' could not check them: " + failure));
    }
  }

  private PluginReport probeJar(Path jar, ClassLoader apiLoader, PluginSettings settings, Set<String> taken) {
    String display = jar.getFileName().toString();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      if (zip.stream().anyMatch(e -> !e.isDirectory() && e.getName().startsWith("dev/herald/api/"))) {
        return new PluginReport(display, List.of(), "bundles its own copy of the Herald API; build it with"
            + " herald-api in 'provided' scope (the agent refuses it)");
      }
      if (zip.getEntry(SERVICES) == null) {
        return new PluginReport(display, List.of(), "has no " + SERVICES + " (not a Herald plugin)");
      }
      ClassVersions.Newer newer = ClassVersions.firstNewer(zip, ClassVersions.pluginClassEntries(zip)::contains);
      if (newer != null) {
        return refused(display, newer.reason() + " (the agent refuses it)");
      }
      ClassVersions.Newer other = ClassVersions.firstNewer(zip);
      if (other != null) {
        findings.add(Finding.warning("plugin-class-version", -1, "plugin " + display + ": " + other.caution()));
      }
    } catch (IOException e) {
      return new PluginReport(display, List.of(), "is not a readable jar: " + e.getMessage());
    }
    List<String> names = new ArrayList<>();
    try (URLClassLoader loader = new URLClassLoader("herald-check-plugin", new URL[] {jar.toUri().toURL()}, apiLoader)) {
      List<HeraldPlugin> plugins = new ArrayList<>();
      List<String> nameless = new ArrayList<>();
      for (HeraldPlugin plugin : ServiceLoader.load(HeraldPlugin.class, loader)) {
        String name = plugin.name();
        if (name == null || name.isBlank()) { // as the agent, which skips it with an ERROR
          nameless.add("plugin " + plugin.getClass().getName() + " has no name (name() returned "
              + (name == null ? "null" : "'" + name + "'") + "); the agent skips it");
        } else {
          names.add(name);
        }
        plugins.add(plugin);
      }
      Set<String> checked = new HashSet<>(taken);
      for (HeraldPlugin plugin : plugins) {
        String name = plugin.name();
        // as the agent: a nameless plugin, or one whose name an earlier one took, never runs
        if (name != null && !name.isBlank() && checked.add(name)) {
          checkSettings(plugin, loader, settings);
        }
      }
      return new PluginReport(display, names, !nameless.isEmpty() ? String.join("; ", nameless)
          : names.isEmpty() ? "provides no plugin" : null);
    } catch (Throwable t) { // ServiceConfigurationError, LinkageError, a throwing constructor
      Throwable cause = t.getCause() != null ? t.getCause() : t;
      String problem = "cannot be loaded: " + t.getMessage() + (cause != t ? " (" + cause + ")" : "");
      // a class for a newer Java that the scan above did not see (a multi-release jar's): the
      // agent fails on it as surely
      return cause instanceof UnsupportedClassVersionError ? refused(display, problem)
          : new PluginReport(display, names, problem);
    }
  }

  /** A jar the agent refuses whatever the settings: an error, unlike a jar it merely skips. */
  private PluginReport refused(String display, String problem) {
    refusedJars.add(display);
    return new PluginReport(display, List.of(), problem);
  }
}
