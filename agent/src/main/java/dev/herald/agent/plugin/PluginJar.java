package dev.herald.agent.plugin;

import dev.herald.agent.log.AgentLog;
import dev.herald.api.HeraldPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * One loaded plugin jar: its class loader over a {@link PluginCopy private copy} of the file, the
 * plugins found in it, and how many of them still run. The loader is closed, and the copy
 * deleted, when the last of its plugins is done (stopped, failed, or refused). A jar replaced in
 * the folder is loaded again as a new {@code PluginJar}; the old one lives on until its plugins stop.
 *
 * <p>{@link #retain()} and {@link #release()} are safe for concurrent use: a plugin abandoned
 * during start may fail late, on its own thread.
 */
final class PluginJar {

  private static final Logger log = AgentLog.get(PluginJar.class);
  private static final String SERVICE_FILE = "META-INF/services/" + HeraldPlugin.class.getName();
  // ServiceLoader recovers from a broken entry and moves on to the next; this bounds the loop in
  // case a broken jar makes it fail on the same entry again and again
  private static final int MAX_ENTRIES = 1000;

  private final String display;
  private final String fileName;
  private final PluginCopy copy;
  private final PluginClassLoader loader;
  private final AtomicInteger users = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private boolean unmade; // a plugin of it could not be created; written by discover

  private PluginJar(PluginFolder.Candidate candidate, PluginCopy copy, PluginClassLoader loader) {
    this.display = candidate.display();
    this.fileName = candidate.fileName();
    this.copy = copy;
    this.loader = loader;
  }

  /**
   * Copies the jar, checks the copy and gives it a class loader; null (after one ERROR) if it
   * must be skipped: unreadable, not a jar (or not all of one yet), or bundling the API.
   */
  static PluginJar open(PluginFolder.Candidate candidate, ClassLoader apiLoader) {
    PluginCopy copy;
    try {
      copy = PluginCopy.of(candidate.file(), candidate.fileName());
    } catch (PluginCopy.NoPrivateCopy e) {
      log.error("{}: {}; skipped", candidate.display(), e.getMessage());
      return null;
    } catch (IOException e) {
      log.error("{} cannot be read ({}); skipped", candidate.display(), e.toString());
      return null;
    }
    if (!PluginJarCheck.acceptable(copy.file(), candidate.display())) {
      copy.delete();
      return null;
    }
    try {
      return new PluginJar(candidate, copy,
          new PluginClassLoader(copy.file(), candidate.fileName(), apiLoader));
    } catch (IOException e) {
      copy.delete();
      log.error("{} cannot be opened ({}); skipped", candidate.display(), e.toString());
      return null;
    }
  }

  /**
   * Creates the plugins that the jar's {@code META-INF/services} file names, in its order. A
   * provider that cannot be loaded or created costs an ERROR and is skipped; providers from any
   * other loader are ignored, so that a jar only ever yields its own plugins.
   */
  List<HeraldPlugin> discover() {
    List<HeraldPlugin> plugins = new ArrayList<>();
    if (loader.findResource(SERVICE_FILE) == null) {
      // plugins load from a class path, where a module-info's 'provides' means nothing
      log.warn("{} contains no Herald plugin: it has no {} file{}; skipped", display, SERVICE_FILE,
          loader.findResource("module-info.class") == null ? ""
              : " (its module-info is not read: plugins load as class-path jars, so 'provides' in it does not"
                  + " declare the plugin; add the file too)");
      return plugins;
    }
    Iterator<HeraldPlugin> providers = ServiceLoader.load(HeraldPlugin.class, loader).iterator();
    for (int i = 0; i < MAX_ENTRIES; i++) {
      try {
        if (!providers.hasNext()) {
          break;
        }
        HeraldPlugin plugin = providers.next();
        if (plugin.getClass().getClassLoader() == loader) {
          plugins.add(plugin);
        } else {
          log.debug("{}: ignored {}, which comes from {}", display, plugin.getClass().getName(),
              plugin.getClass().getClassLoader());
        }
      } catch (ServiceConfigurationError | RuntimeException e) {
        unmade = true;
        log.error("{}: cannot create a plugin: {}; skipped", display, describe(e));
        log.debug("{}: plugin creation failed", display, e);
      } catch (LinkageError e) {
        // thrown while loading a provider class, before ServiceLoader could name it: name them all
        unmade = true;
        log.error("{}: cannot create a plugin ({} declares {}): {}; skipped", display, SERVICE_FILE,
            declared(), e.toString());
        log.debug("{}: plugin creation failed", display, e);
      }
    }
    return plugins;
  }

  /** True if {@link #discover()} skipped a plugin it could not create (with an ERROR). */
  boolean unmade() {
    return unmade;
  }

  /** "Provider com.acme.Missing not found", with the constructor's exception if there was one. */
  private static String describe(Throwable e) {
    String message = String.valueOf(e.getMessage());
    String prefix = HeraldPlugin.class.getName() + ": ";
    if (e instanceof ServiceConfigurationError && message.startsWith(prefix)) {
      message = message.substring(prefix.length());
    } else {
      message = e.toString();
    }
    return e.getCause() == null ? message : message + ": " + e.getCause();
  }

  /** The class names the jar's service file declares, for messages; best effort. */
  private List<String> declared() {
    try (InputStream in = loader.findResource(SERVICE_FILE).openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(line -> line.replaceFirst("#.*", "").strip()).filter(line -> !line.isEmpty()).toList();
    } catch (IOException | RuntimeException e) {
      return List.of("?");
    }
  }

  String display() {
    return display;
  }

  /** The name of the file in the plugin folder, e.g. {@code audit.jar}. */
  String fileName() {
    return fileName;
  }

  /** The SHA-256 of the content this jar was loaded from. */
  String digest() {
    return copy.digest();
  }

  /** The private copy this jar was loaded from. */
  PluginCopy copy() {
    return copy;
  }

  ClassLoader loader() {
    return loader;
  }

  /** The manager has stopped for good: closing need not hash the copy ({@link PluginCopy#lastUse}). */
  void lastUse() {
    copy.lastUse();
  }

  /** Counts one more plugin of this jar as in use. */
  void retain() {
    users.incrementAndGet();
  }

  /** Counts one plugin as done; closes the loader when none is left. */
  void release() {
    if (users.decrementAndGet() == 0) {
      close();
    }
  }

  /** Closes the loader if no plugin of this jar was kept. */
  void closeIfUnused() {
    if (users.get() == 0) {
      close();
    }
  }

  private void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      loader.close();
    } catch (IOException e) {
      log.warn("{}: closing its class loader failed ({})", display, e.toString());
    }
    copy.delete();
  }
}
