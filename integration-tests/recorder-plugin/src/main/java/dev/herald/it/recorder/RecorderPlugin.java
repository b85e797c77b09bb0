package dev.herald.it.recorder;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.HeraldPlugin;
import dev.herald.api.PluginContext;
import dev.herald.api.Subscription;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records events as JSON lines. Settings ({@code plugins.config.recorder}):
 *
 * <ul>
 *   <li>{@code file}: where to append, relative to the config file's folder; required.
 *   <li>{@code events}: a pattern or a list of patterns to subscribe to; default {@code "*.*.*"}.
 *   <li>{@code fail-on}: a pattern; the listener throws after recording each matching event, so
 *       that tests can check a failing listener never reaches the service.
 *   <li>{@code delay-millis}: how long the listener sleeps after recording each event, so that
 *       tests can build a backlog; default 0.
 * </ul>
 *
 * <p>At start it writes {@code {"plugin":"recorder","jackson":"<version>"}}: the Jackson it sees.
 */
public final class RecorderPlugin implements HeraldPlugin {

  private final List<Subscription> subscriptions = new ArrayList<>();
  private JsonLines out;

  @Override
  public String name() {
    return "recorder";
  }

  @Override
  public void start(PluginContext context) throws IOException {
    Map<String, Object> config = context.config();
    Object file = config.get("file");
    if (!(file instanceof String)) {
      throw new IllegalArgumentException("plugins.config.recorder.file must name the file to record to");
    }
    Path path = context.baseDirectory().resolve((String) file);
    out = new JsonLines(path);
    out.write(Map.of("plugin", "recorder", "jackson", new ObjectMapper().version().toString()));
    String failOn = (String) config.get("fail-on");
    long delayMillis = config.get("delay-millis") instanceof Number delay ? delay.longValue() : 0;
    for (String pattern : patterns(config.get("events"))) {
      subscriptions.add(context.bus().on(pattern, new RecordingListener(out, failOn, delayMillis)));
    }
  }

  @Override
  public void stop() throws IOException {
    subscriptions.forEach(Subscription::close);
    if (out != null) {
      out.close();
    }
  }

  private static List<String> patterns(Object events) {
    if (events == null) {
      return List.of("*.*.*");
    }
    if (events instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(events));
  }
}
