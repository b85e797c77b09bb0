package dev.herald.it.reliability.plugins;

import dev.herald.api.HeraldPlugin;
import dev.herald.api.PluginContext;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Plugin {@code counting}: {@code listeners} (default 1) {@link VerifyingListener}s on {@code
 * pattern}, reported at stop. With {@code worker: true} it also runs a non-daemon thread {@code
 * probe-worker} from start to stop, and leaves a weak reference to its class loader in the system
 * property {@code herald.it.probe.loader}, so that an application can check both are gone after
 * the agent stopped it. At the end of stop it sets {@code herald.it.probe.stopped=true}. With
 * {@code gate: <file>} its start waits, at most 60 s, until that file exists (resolved against the
 * config's folder): a plugin whose start takes as long as the application wants.
 */
public final class CountingPlugin implements HeraldPlugin {

  private final List<VerifyingListener> listeners = new ArrayList<>();
  private Path report;
  private ExecutorService worker;

  @Override
  public String name() {
    return "counting";
  }

  @Override
  public void start(PluginContext context) throws InterruptedException {
    String pattern = Probe.pattern(context);
    if (pattern == null) {
      return;
    }
    Object gate = context.config().get("gate");
    if (gate != null) {
      Path file = context.baseDirectory().resolve(gate.toString());
      for (int i = 0; i < 6_000 && !Files.exists(file); i++) {
        Thread.sleep(10);
      }
    }
    report = Probe.report(context, "counting.txt");
    for (long i = Probe.number(context, "listeners", 1); i > 0; i--) {
      VerifyingListener listener = new VerifyingListener();
      listeners.add(listener);
      context.bus().on(pattern, listener);
    }
    if (Boolean.parseBoolean(String.valueOf(context.config().get("worker")))) {
      worker = Executors.newSingleThreadExecutor(task -> new Thread(task, "probe-worker"));
      worker.execute(() -> { });
      System.getProperties().put("herald.it.probe.loader", new WeakReference<>(getClass().getClassLoader()));
    }
  }

  @Override
  public void stop() throws Exception {
    if (worker != null) {
      worker.shutdown();
      worker.awaitTermination(10, TimeUnit.SECONDS);
    }
    if (report != null) {
      Map<String, Long> counts = new LinkedHashMap<>();
      for (int i = 0; i < listeners.size(); i++) {
        counts.putAll(listeners.get(i).counts("listener" + i));
      }
      Probe.write(report, counts);
    }
    System.setProperty("herald.it.probe.stopped", "true");
  }
}
