package dev.herald.it.reliability.app;

import dev.herald.api.Herald;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Point 7, leaks: the {@code counting} plugin runs with {@code worker: true}; after some calls
 * main returns. A shutdown hook of the application waits until the agent's shutdown has stopped
 * the plugin, then reports whether the plugin's class loader can be collected and which Herald or
 * plugin threads are still alive. An application listener reports whether it ever ran with the
 * plugin's class loader as its thread's context class loader.
 */
final class LeakScenario {

  private LeakScenario() {}

  static void run(Options options) {
    long calls = options.number("calls", 1_000);
    OrderService service = new OrderService();
    Set<ClassLoader> seen = ConcurrentHashMap.newKeySet();
    Herald.bus().on("order.*.*", event -> seen.add(Thread.currentThread().getContextClassLoader()));
    for (long i = 0; i < calls; i++) {
      service.create(i);
    }
    Out.print("flush", Herald.bus().flush(Duration.ofSeconds(30)));
    WeakReference<?> loader = (WeakReference<?>) System.getProperties().get("herald.it.probe.loader");
    Out.print("loader-tracked", loader != null);
    // the context class loader an application's listener runs with must not be a plugin's
    Out.print("app-listener-saw-plugin-loader", seen.contains(loader == null ? null : loader.get()));
    Out.print("delivery-context-loaders", Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("herald-delivery-"))
        .map(t -> String.valueOf(t.getContextClassLoader())).sorted().toList());
    if (options.text("reset-delivery-loaders", "false").equals("true")) {
      // diagnosis only: shows whether the delivery threads' context loader is what keeps the plugin's
      Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("herald-delivery-"))
          .forEach(t -> t.setContextClassLoader(null));
    }
    Runtime.getRuntime().addShutdownHook(new Thread(LeakScenario::check, "leak-check"));
  }

  private static void check() {
    // Shutdown hooks run at the same time: wait for the agent's to have finished with the plugin.
    boolean stopped = Out.await(() -> "true".equals(System.getProperty("herald.it.probe.stopped"))
        && threads("herald-shutdown").isEmpty(), 30_000);
    Out.print("plugin-stopped", stopped);
    WeakReference<?> loader = (WeakReference<?>) System.getProperties().remove("herald.it.probe.loader");
    boolean collected = loader != null && Out.await(() -> {
      System.gc();
      return loader.get() == null;
    }, 10_000);
    Out.print("loader-collected", collected);
    Out.print("threads-left", threads("herald-", "probe-"));
  }

  private static List<String> threads(String... prefixes) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> List.of(prefixes).stream().anyMatch(name::startsWith))
        .sorted()
        .toList();
  }
}
