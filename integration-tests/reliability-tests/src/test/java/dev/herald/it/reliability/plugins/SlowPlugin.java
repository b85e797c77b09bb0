package dev.herald.it.reliability.plugins;

import dev.herald.api.Event;
import dev.herald.api.EventListener;
import dev.herald.api.HeraldPlugin;
import dev.herald.api.PluginContext;
import java.nio.file.Path;
import java.util.Map;

/**
 * Plugin {@code slow}: a {@link SlowListener} on {@code pattern} that takes {@code sleep-millis}
 * (default 10) per event; reports how many events it got and the names of the first and last.
 */
public final class SlowPlugin implements HeraldPlugin {

  private SlowListener listener;
  private Path report;

  @Override
  public String name() {
    return "slow";
  }

  @Override
  public void start(PluginContext context) {
    String pattern = Probe.pattern(context);
    if (pattern == null) {
      return;
    }
    report = Probe.report(context, "slow.txt");
    listener = new SlowListener(Probe.number(context, "sleep-millis", 10));
    context.bus().on(pattern, listener);
  }

  @Override
  public void stop() throws Exception {
    if (listener != null) {
      Probe.write(report, listener.counts());
    }
  }

  /** Sleeps on every event: a listener far slower than the service. */
  static final class SlowListener implements EventListener {

    private final long millis;
    private long received;

    SlowListener(long millis) {
      this.millis = millis;
    }

    @Override
    public void onEvent(Event event) throws InterruptedException {
      Thread.sleep(millis); // the fault under test: a listener that takes its time
      synchronized (this) {
        received++;
      }
    }

    synchronized Map<String, Long> counts() {
      return Map.of("received", received);
    }
  }
}
