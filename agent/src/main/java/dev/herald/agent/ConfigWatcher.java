package dev.herald.agent;

import dev.herald.agent.config.ConfigException;
import dev.herald.agent.config.ConfigLoader;
import dev.herald.agent.config.HeraldConfig;
import dev.herald.agent.config.ServiceEntry;
import dev.herald.agent.instrument.Weaving;
import dev.herald.agent.log.AgentLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * With {@code reload: true}, reads the config file again every {@code reload-interval} and applies
 * what changed in the {@code enabled} flags of {@code services} at once. A broken edit keeps the
 * running config and says why; other changes (services added or removed, methods, bus, plugins)
 * are reported as taking effect at the next start.
 *
 * <p>One daemon thread, {@code herald-reload}.
 */
final class ConfigWatcher implements Runnable {

  private static final Logger log = AgentLog.get(ConfigWatcher.class);

  private final Path file;
  private final Weaving weaving;
  private HeraldConfig running;
  private byte[] lastText;

  private ConfigWatcher(HeraldConfig config, Weaving weaving) throws Exception {
    this.file = config.file();
    this.weaving = weaving;
    this.running = config;
    this.lastText = Files.readAllBytes(file);
  }

  /** Starts watching if the config asks for it. */
  static void startIfConfigured(HeraldConfig config, Weaving weaving) {
    if (!config.reload() || config.file() == null) {
      return;
    }
    try {
      Thread thread = new Thread(new ConfigWatcher(config, weaving), "herald-reload");
      thread.setDaemon(true);
      thread.start();
      log.info("watching {} for changes every {} ms", config.file(), config.reloadInterval().toMillis());
    } catch (Exception e) {
      log.warn("cannot watch {} for changes: {}", config.file(), e.toString());
    }
  }

  @Override
  public void run() {
    while (true) {
      try {
        Thread.sleep(running.reloadInterval().toMillis());
        byte[] text = Files.readAllBytes(file);
        if (!Arrays.equals(text, lastText)) {
          lastText = text;
          reload();
        }
      } catch (InterruptedException stop) {
        return;
      } catch (Exception e) {
        log.warn("cannot read {} to reload it: {}; keeping the running config", file, e.toString());
      }
    }
  }

  private void reload() {
    HeraldConfig next;
    try {
      next = ConfigLoader.load(file, System::getenv);
    } catch (ConfigException e) {
      log.error("{}: the edit was not applied, the running config stays: {}", file,
          e.getMessage().replace('\n', ' '));
      return;
    }
    if (!sameServicesBesidesEnabled(running.services(), next.services())
        || !running.plugins().equals(next.plugins()) || !running.bus().equals(next.bus())) {
      log.warn("{} changed more than 'enabled' flags; services, methods, bus and plugins take effect at the "
          + "next start (only 'enabled' is applied while running)", file);
    }
    List<String> changes = enabledChanges(running.services(), next.services());
    if (sameServicesBesidesEnabled(running.services(), next.services())) {
      weaving.applyEnabled(next.services());
      running = next;
      if (!changes.isEmpty()) {
        log.info("reloaded {}: {}", file, String.join(", ", changes));
      }
    }
  }

  private static boolean sameServicesBesidesEnabled(List<ServiceEntry> a, List<ServiceEntry> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      ServiceEntry x = a.get(i);
      ServiceEntry y = b.get(i);
      if (!x.classPattern().equals(y.classPattern()) || !Objects.equals(x.entity(), y.entity())
          || !x.methods().equals(y.methods()) || x.defaults() != y.defaults()) {
        return false;
      }
    }
    return true;
  }

  private static List<String> enabledChanges(List<ServiceEntry> a, List<ServiceEntry> b) {
    List<String> changes = new ArrayList<>();
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      if (a.get(i).enabled() != b.get(i).enabled()) {
        changes.add(b.get(i).classPattern() + (b.get(i).enabled() ? " enabled" : " disabled"));
      }
    }
    return changes;
  }
}
