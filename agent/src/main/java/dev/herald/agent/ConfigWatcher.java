package dev.herald.agent;

import dev.herald.agent.config.ConfigException;
import dev.herald.agent.config.ConfigLoader;
import dev.herald.agent.config.HeraldConfig;
import dev.herald.agent.log.AgentLog;
import dev.herald.agent.plugin.PluginFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;

/**
 * With {@code reload: true}, reads the config file again every {@code reload-interval} and, when
 * its text changed, hands the new config to {@link LiveChanges}; then rescans the plugin folder. A
 * broken edit keeps the running config and says why.
 *
 * <p>One daemon thread, {@code herald-reload}.
 */
final class ConfigWatcher implements Runnable {

  private static final Logger log = AgentLog.get(ConfigWatcher.class);

  private final Path file;
  private final LiveChanges live;
  private final java.time.Duration interval;
  private byte[] lastText;
  // why the file could not be read at the last look; null while it can be: told once, not per look
  private String unreadable;

  ConfigWatcher(HeraldConfig config, LiveChanges live) throws Exception {
    this.file = config.file();
    this.live = live;
    this.interval = config.reloadInterval();
    this.lastText = Files.readAllBytes(file);
  }

  /** Starts watching if the config asks for it. */
  static void startIfConfigured(HeraldConfig config, LiveChanges live) {
    if (!config.reload() || config.file() == null) {
      return;
    }
    try {
      Thread thread = new Thread(new ConfigWatcher(config, live), "herald-reload");
      thread.setDaemon(true);
      thread.start();
      log.info("watching {} for changes every {} ms", config.file(), config.reloadInterval().toMillis());
      warnIfWritableByOthers(config.file());
    } catch (Exception e) {
      log.warn("cannot watch {} for changes: {}", config.file(), e.toString());
    }
  }

  static void warnIfWritableByOthers(Path file) {
    String who = PluginFolder.writableByOthers(file);
    if (who != null) {
      log.warn("{} is writable by {}, and its edits are applied while the application runs (reload: true):"
          + " whoever can write it can send every event's arguments anywhere a plugin can. Make it writable"
          + " by its owner only.", file, who);
    }
    // Whoever may write the folder may replace the file (a rename over it), whatever the file's mode;
    // not in a sticky folder (/tmp), where only the file's owner may.
    Path folder = file.toAbsolutePath().getParent();
    String folderWho = folder == null || sticky(folder) ? null : PluginFolder.writableByOthers(folder);
    if (folderWho != null) {
      log.warn("the folder {} of {} is writable by {}, and the file's edits are applied while the application"
          + " runs (reload: true): whoever can write there can replace the file, and send every event's arguments"
          + " anywhere a plugin can. Make the folder writable by its owner only.", folder, file.getFileName(),
          folderWho);
    }
  }

  /** True if only a file's owner may rename or delete it in {@code folder} (its sticky bit); false if unknown. */
  private static boolean sticky(Path folder) {
    try {
      return (((Integer) Files.getAttribute(folder, "unix:mode")) & 01000) != 0;
    } catch (IOException | RuntimeException e) {
      return false; // no unix view (Windows, some file systems): the mode bits are all there is to go by
    }
  }

  @Override
  public void run() {
    while (true) {
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException stop) {
        return;
      }
      look();
      try {
        live.rescanPlugins(); // logs what it changed itself
      } catch (Throwable t) {
        log.warn("cannot rescan the plugin folder: {}", t.toString());
      }
    }
  }

  /** One look at the file: applies its text if it changed; never throws. */
  void look() {
    try {
      byte[] text;
      try {
        text = Files.readAllBytes(file);
      } catch (IOException e) {
        // a file deleted or moved away stays so for a while (a deployment replacing it): one WARN
        // for as long as the reason stays the same, not one per look
        if (!e.toString().equals(unreadable)) {
          unreadable = e.toString();
          log.warn("cannot read {} to reload it: {}; keeping the running config until it can be read", file,
              unreadable);
        }
        return;
      }
      if (unreadable != null) {
        unreadable = null;
        log.info("{} can be read again; watching it for changes", file);
      }
      if (!Arrays.equals(text, lastText)) {
        lastText = text;
        reload();
      }
    } catch (Throwable t) { // the watcher must outlive any one failed change
      log.error("applying the change to {} failed: {}", file, t.toString());
      log.debug("reload failure", t);
    }
  }

  private void reload() {
    HeraldConfig next;
    try {
      next = ConfigLoader.load(file, System::getenv);
    } catch (ConfigException e) {
      // the problems name the file and position already; one line, as at start
      log.error("{}; the edit was not applied, the running config stays",
          e.getMessage().replace("\n", "; also "));
      return;
    }
    live.apply(next);
  }
}
