package dev.herald.it.reliability.plugins;

import dev.herald.api.Event;
import dev.herald.api.EventListener;
import dev.herald.api.HeraldPlugin;
import dev.herald.api.PluginContext;
import java.util.concurrent.locks.LockSupport;

/** Plugin {@code hanging}: a {@link HangingListener} on {@code pattern} whose first call never returns. */
public final class HangingPlugin implements HeraldPlugin {

  @Override
  public String name() {
    return "hanging";
  }

  @Override
  public void start(PluginContext context) {
    String pattern = Probe.pattern(context);
    if (pattern != null) {
      context.bus().on(pattern, new HangingListener());
    }
  }

  /** Parks for ever, ignoring interrupts and unparks: the worst a listener can do to a bus. */
  static final class HangingListener implements EventListener {

    @Override
    public void onEvent(Event event) {
      while (true) {
        LockSupport.park(this);
      }
    }
  }
}
