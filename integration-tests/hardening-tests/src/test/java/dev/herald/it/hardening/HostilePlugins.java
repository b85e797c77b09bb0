package dev.herald.it.hardening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Plugin jars for point 9, built from source in the test: one that works and prints what it
 * receives, and the hostile ones. Each {@code *Jar} method writes its jar into {@code folder} and
 * returns it.
 */
final class HostilePlugins {

  /** Prints {@code good-plugin received <event>} for every event: proof that the others work. */
  static final String GOOD = """
      package it.good;

      import dev.herald.api.HeraldPlugin;
      import dev.herald.api.PluginContext;

      public final class GoodPlugin implements HeraldPlugin {
        @Override public String name() { return "good"; }
        @Override public void start(PluginContext context) {
          context.bus().on("*.*.*", event -> System.out.println("good-plugin received " + event.name()));
          System.out.println("good-plugin started");
        }
      }
      """;

  static final String THROWING = """
      package it.throwing;

      public final class ThrowingPlugin implements dev.herald.api.HeraldPlugin {
        @Override public String name() { return "throwing"; }
        @Override public void start(dev.herald.api.PluginContext context) {
          throw new IllegalStateException("thrown on purpose by start");
        }
      }
      """;

  /** start never returns: it waits for a latch nobody counts down. */
  static final String HANGING = """
      package it.hanging;

      import java.util.concurrent.CountDownLatch;

      public final class HangingPlugin implements dev.herald.api.HeraldPlugin {
        private final CountDownLatch never = new CountDownLatch(1);
        @Override public String name() { return "hanging"; }
        @Override public void start(dev.herald.api.PluginContext context) throws InterruptedException {
          System.out.println("hanging-plugin entered start");
          never.await();
        }
      }
      """;

  /**
   * Starts an executor (whose default thread factory makes non-daemon threads) with a task that
   * runs until stop: the common way a plugin keeps a JVM alive by accident.
   */
  static final String NON_DAEMON = """
      package it.nondaemon;

      import java.util.concurrent.CountDownLatch;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;

      public final class NonDaemonPlugin implements dev.herald.api.HeraldPlugin {
        private final CountDownLatch stopped = new CountDownLatch(1);
        private ExecutorService executor;
        @Override public String name() { return "non-daemon"; }
        @Override public void start(dev.herald.api.PluginContext context) {
          executor = Executors.newSingleThreadExecutor();
          executor.submit(() -> {
            System.out.println("non-daemon-plugin worker daemon=" + Thread.currentThread().isDaemon());
            stopped.await();
            return null;
          });
          System.out.println("non-daemon-plugin started");
        }
        @Override public void stop() {
          System.out.println("non-daemon-plugin stopped");
          stopped.countDown();
          executor.shutdown();
        }
      }
      """;

  private HostilePlugins() {}

  static Path goodJar(Path build, Path folder) {
    return copy(Sources.pluginJar(build.resolve("zz-good.jar"), "it.good.GoodPlugin",
        Map.of("it.good.GoodPlugin", GOOD)), folder);
  }

  static Path throwingJar(Path build, Path folder) {
    return copy(Sources.pluginJar(build.resolve("throwing.jar"), "it.throwing.ThrowingPlugin",
        Map.of("it.throwing.ThrowingPlugin", THROWING)), folder);
  }

  static Path hangingJar(Path build, Path folder) {
    return copy(Sources.pluginJar(build.resolve("a-hanging.jar"), "it.hanging.HangingPlugin",
        Map.of("it.hanging.HangingPlugin", HANGING)), folder);
  }

  static Path nonDaemonJar(Path build, Path folder) {
    return copy(Sources.pluginJar(build.resolve("non-daemon.jar"), "it.nondaemon.NonDaemonPlugin",
        Map.of("it.nondaemon.NonDaemonPlugin", NON_DAEMON)), folder);
  }

  /** A working plugin that also carries its own copy of herald-api: must be refused. */
  static Path bundlesApiJar(Path build, Path folder) {
    Path plain = Sources.pluginJar(build.resolve("bundled-plain.jar"), "it.good.GoodPlugin",
        Map.of("it.good.GoodPlugin", GOOD));
    return copy(Sources.merge(build.resolve("bundles-api.jar"), plain, Artifacts.apiClasses()), folder);
  }

  /** A jar whose service file names a class it does not contain. */
  static Path missingClassJar(Path build, Path folder) {
    return copy(Sources.pluginJar(build.resolve("missing-class.jar"), "it.hostile.Missing", Map.of()), folder);
  }

  /**
   * A plugin named {@code name} that prints {@code <name>-plugin started}, jarred as {@code jarName}
   * into {@code folder}: for checking which files of a plugin folder load.
   */
  static Path namedJar(Path build, Path folder, String jarName, String name) {
    String pkg = "it.named." + name.replace('-', '_');
    String source = """
        package %s;

        public final class NamedPlugin implements dev.herald.api.HeraldPlugin {
          @Override public String name() { return "%s"; }
          @Override public void start(dev.herald.api.PluginContext context) {
            System.out.println("%s-plugin started");
          }
        }
        """.formatted(pkg, name, name);
    Path jar = Sources.pluginJar(build.resolve(name + ".jar"), pkg + ".NamedPlugin",
        Map.of(pkg + ".NamedPlugin", source));
    try {
      Files.createDirectories(folder);
      return Files.copy(jar, folder.resolve(jarName));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file named .jar that is not a zip. */
  static Path notAZipJar(Path folder) {
    return Sources.write(folder.resolve("not-a-zip.jar"), "this is not a zip file, only text\n");
  }

  private static Path copy(Path jar, Path folder) {
    try {
      Files.createDirectories(folder);
      return Files.copy(jar, folder.resolve(jar.getFileName()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
