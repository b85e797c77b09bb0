package dev.herald.agent;

import dev.herald.agent.config.ConfigException;
import dev.herald.agent.config.ConfigLoader;
import dev.herald.agent.config.HeraldConfig;
import dev.herald.agent.config.PluginSettings;
import dev.herald.agent.config.ServiceEntry;
import dev.herald.agent.instrument.ServicesChanged;
import dev.herald.agent.instrument.Weaving;
import dev.herald.agent.jmx.AgentControl;
import dev.herald.agent.jmx.HeraldMBeans;
import dev.herald.agent.log.AgentLog;
import dev.herald.agent.plugin.PluginManager;
import dev.herald.agent.plugin.PluginView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;

/**
 * Applies changes to the running agent: a new config read from the file (by the reload watcher or
 * {@link #reload} over JMX), or one change made over JMX. {@code enabled} flips at once; services
 * added, removed or changed are instrumented or restored by retransformation; {@code plugins.config}
 * changes restart the plugins concerned; plugin jars are handled by {@link #rescanPlugins}. What
 * cannot change while running (bus, context, the plugin folder's path) is logged as taking effect
 * at the next start.
 *
 * <p>Safe for concurrent use: changes are applied one at a time. Never lets an exception escape to
 * the watcher; JMX callers get {@link IllegalArgumentException} or {@link IllegalStateException}
 * with the reason.
 */
final class LiveChanges implements AgentControl {

  private static final Logger log = AgentLog.get(LiveChanges.class);
  private static final Pattern ADD_SERVICE_POSITION =
      Pattern.compile("addService:(\\d+)(?::(\\d+))?|(?<=at )line (\\d+), column (\\d+)");

  private final Weaving weaving;
  private final PluginManager plugins;
  private HeraldConfig running;
  private HeraldConfig lastRead; // the last config applied, with its deferred settings as written
  private HeraldMBeans beans;

  LiveChanges(HeraldConfig config, Weaving weaving, PluginManager plugins) {
    this.running = config;
    this.lastRead = config;
    this.weaving = weaving;
    this.plugins = plugins;
  }

  /** Lets service changes reach the JMX service beans, once they are registered. */
  synchronized void attach(HeraldMBeans registered) {
    beans = registered;
    registered.replaceServices(running.services()); // the file may have changed while they registered
  }

  /** Applies {@code next}, read from the running config's file; returns what changed. */
  synchronized String apply(HeraldConfig next) {
    List<String> changes = new ArrayList<>();
    // Each deferred setting is warned about once, in the edit that changed it, not again with
    // every later edit of the file; one changed back to what runs needs no warning.
    List<String> later = deferredDifferences(next, running);
    later.retainAll(deferredDifferences(next, lastRead));
    lastRead = next;
    if (!next.log().equals(running.log())) {
      AgentLog.reconfigure(next.log().level(), next.log().format(), next.log().file());
      changes.add("log");
    }
    List<ServiceEntry> services = changeServices(next.services(), changes);
    if (!next.plugins().config().equals(running.plugins().config())) {
      changes.add("plugins.config (" + plugins.reconfigure(next.plugins().config()) + ")");
    }
    running = new HeraldConfig(running.file(), services, running.bus(),
        new PluginSettings(running.plugins().path(), running.plugins().pathExplicit(), next.plugins().config(),
            running.plugins().startTimeout(), running.plugins().deferStart()),
        running.context(), next.log(), running.onConfigError(), running.reload(), running.reloadInterval());
    if (!later.isEmpty()) {
      log.warn("{}: {} changed; {} take{} effect at the next start", next.file(), String.join(", ", later),
          later.size() == 1 ? "it" : "they", later.size() == 1 ? "s" : "");
    }
    String summary = changes.isEmpty() ? "no change in force" : String.join("; ", changes);
    if (!changes.isEmpty()) {
      log.info("reloaded {}: {}", next.file(), summary);
    }
    return summary;
  }

  /** The settings that apply at the next start only, by name, whose values differ between {@code a} and {@code b}. */
  private static List<String> deferredDifferences(HeraldConfig a, HeraldConfig b) {
    List<String> names = new ArrayList<>();
    if (!a.bus().equals(b.bus())) {
      names.add("bus");
    }
    if (!a.context().equals(b.context())) {
      names.add("context");
    }
    if (!Objects.equals(a.plugins().path(), b.plugins().path())) {
      names.add("plugins.path");
    }
    if (a.plugins().deferStart() != b.plugins().deferStart()) {
      names.add("plugins.start");
    }
    if (!a.plugins().startTimeout().equals(b.plugins().startTimeout())) {
      names.add("plugins.start-timeout");
    }
    if (a.onConfigError() != b.onConfigError()) {
      names.add("on-config-error");
    }
    if (a.reload() != b.reload()) {
      names.add("reload");
    }
    if (!a.reloadInterval().equals(b.reloadInterval())) {
      names.add("reload-interval");
    }
    return names;
  }

  /**
   * Applies {@code next} entries: flags only, or a retransformation; adds what it did to {@code
   * changes}. Returns the entries in force afterwards: {@code next}, or the running ones if the
   * change could not be made (the reason is in {@code changes}).
   */
  private List<ServiceEntry> changeServices(List<ServiceEntry> next, List<String> changes) {
    List<ServiceEntry> now = running.services();
    if (sameRules(now, next)) {
      List<String> flips = enabledChanges(now, next);
      if (!flips.isEmpty()) {
        weaving.applyEnabled(next);
        changes.addAll(flips);
        refreshBeans(next);
      }
      return next;
    }
    try {
      ServicesChanged outcome = weaving.replaceServices(next);
      changes.add("services " + describeDifference(now, next) + ": " + outcome);
      refreshBeans(next);
      warnAboutUnloaded(now, next);
      return next;
    } catch (RuntimeException | LinkageError e) {
      log.error("services {} could not be applied; the running services stay: {}", describeDifference(now, next),
          e.toString());
      log.debug("services change failure", e);
      changes.add("services not changed (" + e + ")");
      return now;
    }
  }

  /**
   * One WARN per entry new in {@code next} that names no loaded class: a misspelt name would
   * otherwise show only at exit. Only a hint, since the class may load later.
   */
  private void warnAboutUnloaded(List<ServiceEntry> now, List<ServiceEntry> next) {
    List<ServiceEntry> added = new ArrayList<>();
    for (ServiceEntry entry : next) {
      if (now.stream().noneMatch(old -> old.classPattern().equals(entry.classPattern()))) {
        added.add(entry);
      }
    }
    if (!added.isEmpty()) {
      for (ServiceEntry entry : UnmatchedServices.of(added, weaving.loadedClasses())) {
        log.warn(UnmatchedServices.notLoadedYet(running.file(), entry));
      }
    }
  }

  private void refreshBeans(List<ServiceEntry> entries) {
    if (beans != null) {
      beans.replaceServices(entries);
    }
  }

  @Override
  public String reload() {
    Path file = running().file();
    if (file == null) {
      throw new IllegalStateException("Herald was started without a config file; there is nothing to reload");
    }
    try {
      return apply(ConfigLoader.load(file, System::getenv));
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage().replace('\n', ' ') + "; the running config stays");
    }
  }

  @Override
  public synchronized String setServiceEnabled(String classPattern, boolean enabled) {
    List<ServiceEntry> next = new ArrayList<>();
    for (ServiceEntry entry : running.services()) {
      next.add(entry.classPattern().equals(classPattern) ? entry.with(entry.index(), enabled) : entry);
    }
    requireKnown(classPattern);
    return applyServices(next, classPattern + (enabled ? " enabled" : " disabled"));
  }

  @Override
  public synchronized String addService(String entryYaml) {
    ServiceEntry added = parseEntry(entryYaml);
    for (ServiceEntry entry : running.services()) {
      if (entry.classPattern().equals(added.classPattern())) {
        throw new IllegalArgumentException("services already has an entry for " + added.classPattern());
      }
    }
    List<ServiceEntry> next = new ArrayList<>(running.services());
    next.add(added.addedAt(next.size()));
    return applyServices(next, "added " + added.classPattern());
  }

  @Override
  public synchronized String removeService(String classPattern) {
    requireKnown(classPattern);
    List<ServiceEntry> next = new ArrayList<>();
    for (ServiceEntry entry : running.services()) {
      if (!entry.classPattern().equals(classPattern)) {
        next.add(entry.with(next.size(), entry.enabled()));
      }
    }
    return applyServices(next, "removed " + classPattern);
  }

  /** The services entries in force now: the file's, as reloaded and changed over JMX. */
  synchronized List<ServiceEntry> runningServices() {
    return running.services();
  }

  @Override
  public synchronized List<String> services() {
    return running.services().stream().map(ServiceEntry::toString).toList();
  }

  @Override
  public List<String> plugins() {
    return plugins.plugins().stream().map(PluginView::toString).toList();
  }

  @Override
  public String stopPlugin(String name) {
    return plugins.stop(name);
  }

  @Override
  public String startPlugin(String name) {
    return plugins.start(name);
  }

  @Override
  public String restartPlugin(String name) {
    return plugins.restart(name);
  }

  @Override
  public String rescanPlugins() {
    return plugins.rescan().toString();
  }

  synchronized HeraldConfig running() {
    return running;
  }

  private String applyServices(List<ServiceEntry> next, String what) {
    List<String> changes = new ArrayList<>();
    List<ServiceEntry> services = changeServices(next, changes);
    if (services != next) {
      throw new IllegalStateException(String.join("; ", changes));
    }
    running = running.withServices(next);
    String summary = changes.isEmpty() ? what + " (no change in force)"
        : changes.equals(List.of(what)) ? what : what + ": " + String.join("; ", changes);
    log.info("changed over JMX: {}; lasts until {} is reloaded or the JVM restarts", summary,
        running.file() == null ? "the config" : running.file().getFileName());
    return summary;
  }

  private void requireKnown(String classPattern) {
    if (running.services().stream().noneMatch(entry -> entry.classPattern().equals(classPattern))) {
      throw new IllegalArgumentException("no services entry has class " + classPattern + "; entries: "
          + running.services().stream().map(ServiceEntry::classPattern).toList());
    }
  }

  /** The one {@code services} entry written in {@code entryYaml}; refused with the positions in that text. */
  static ServiceEntry parseEntry(String entryYaml) {
    if (entryYaml == null || entryYaml.isBlank()) {
      throw new IllegalArgumentException("expected a services entry in YAML, e.g. {class: com.acme.OrderService}");
    }
    if (entryYaml.contains("${")) {
      // the reply, the Services attribute and the log would show the variable's value to whoever
      // can reach JMX; a services entry has nothing secret to take from the environment anyway
      throw new IllegalArgumentException("${...} is not replaced in an entry added over JMX: write the value itself");
    }
    String text = "services:\n  - " + entryYaml.strip().replace("\n", "\n    ") + "\n";
    try {
      List<ServiceEntry> parsed = ConfigLoader.parse(text, Path.of("addService"), name -> null).services();
      if (parsed.size() != 1) {
        throw new IllegalArgumentException("expected one services entry, got " + parsed.size());
      }
      return parsed.get(0);
    } catch (ConfigException e) {
      // one line for a JMX client, in the operator's terms: the entry has no index of its own
      StringBuilder message = new StringBuilder();
      for (ConfigException.Problem problem : e.problems()) {
        message.append(message.length() == 0 ? "" : "; ")
            .append(inEntryTerms(problem.toString()).replace(": services[0].", ": ")
            .replace(": services[0]: ", ": ").replace("services[0]", "the entry"));
      }
      throw new IllegalArgumentException(message.toString());
    }
  }

  /**
   * Positions {@code addService:line:column} of the wrapped text, as positions in the text the
   * operator gave: {@link #parseEntry} put it on the wrapper's second line, four columns in.
   */
  static String inEntryTerms(String message) {
    Matcher at = ADD_SERVICE_POSITION.matcher(message);
    StringBuilder out = new StringBuilder();
    while (at.find()) {
      if (at.group(1) != null) {
        int line = Math.max(Integer.parseInt(at.group(1)) - 1, 1);
        String column = at.group(2) == null ? "" : ":" + Math.max(Integer.parseInt(at.group(2)) - 4, 1);
        at.appendReplacement(out, "addService:" + line + column);
      } else { // a YAML message's "(... started at line 2, column 12)"
        at.appendReplacement(out, "line " + Math.max(Integer.parseInt(at.group(3)) - 1, 1) + ", column "
            + Math.max(Integer.parseInt(at.group(4)) - 4, 1));
      }
    }
    return at.appendTail(out).toString();
  }

  private static boolean sameRules(List<ServiceEntry> a, List<ServiceEntry> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).sameRules(b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static List<String> enabledChanges(List<ServiceEntry> a, List<ServiceEntry> b) {
    List<String> changes = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i).enabled() != b.get(i).enabled()) {
        changes.add(b.get(i).classPattern() + (b.get(i).enabled() ? " enabled" : " disabled"));
      }
    }
    return changes;
  }

  /** What changed from {@code now} to {@code next}, e.g. {@code +com.acme.A ~com.acme.B (disabled) com.acme.C enabled}. */
  static String describeDifference(List<ServiceEntry> now, List<ServiceEntry> next) {
    List<String> parts = new ArrayList<>();
    for (ServiceEntry entry : next) {
      ServiceEntry old = find(now, entry.classPattern());
      String flag = entry.enabled() ? "enabled" : "disabled";
      if (old == null) {
        parts.add("+" + entry.classPattern() + (entry.enabled() ? "" : " (disabled)"));
      } else if (!old.sameRules(entry)) {
        parts.add("~" + entry.classPattern() + (old.enabled() != entry.enabled() ? " (" + flag + ")" : ""));
      } else if (old.enabled() != entry.enabled()) {
        // a flip beside a change of rules is applied by the same retransformation: say so all the same
        parts.add(entry.classPattern() + " " + flag);
      }
    }
    for (ServiceEntry entry : now) {
      if (find(next, entry.classPattern()) == null) {
        parts.add("-" + entry.classPattern());
      }
    }
    return parts.isEmpty() ? "reordered" : String.join(" ", parts);
  }

  private static ServiceEntry find(List<ServiceEntry> entries, String classPattern) {
    for (ServiceEntry entry : entries) {
      if (entry.classPattern().equals(classPattern)) {
        return entry;
      }
    }
    return null;
  }
}
