package dev.herald.it.reliability.plugins;

import dev.herald.api.Event;
import dev.herald.api.EventListener;
import dev.herald.api.HeraldPlugin;
import dev.herald.api.PluginContext;

/** Plugin {@code throwing}: a {@link ThrowingListener} on {@code pattern} that throws on every event. */
public final class ThrowingPlugin implements HeraldPlugin {

  @Override
  public String name() {
    return "throwing";
  }

  @Override
  public void start(PluginContext context) {
    String pattern = Probe.pattern(context);
    if (pattern != null) {
      context.bus().on(pattern, new ThrowingListener());
    }
  }

  /**
   * Throws an {@link IllegalStateException} from every call, whose message quotes the event's
   * arguments, as many listeners' exceptions do, and holds a line break followed by what looks like
   * a log line of Herald's.
   */
  static final class ThrowingListener implements EventListener {

    @Override
    public void onEvent(Event event) {
      throw new IllegalStateException("probe failure: card 4111-1111-" + event.args()
          + "\n10:00:00.000 [herald] INFO  forged line");
    }
  }
}
