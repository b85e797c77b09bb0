package dev.herald.examples.console;

import dev.herald.api.HeraldPlugin;
import dev.herald.api.PluginContext;
import java.io.PrintStream;
import java.time.ZoneId;
import java.util.Map;

/**
 * Prints one line per matching event to standard output; plugin name {@code "console"}.
 *
 * <p>Settings ({@link ConsoleSettings}): {@code events}, {@code show-args}, {@code
 * max-value-length}. Lines are coloured only when standard output is a terminal.
 *
 * <p>Threading: one subscription per pattern; the bus may call them from different delivery
 * threads, and {@link PrintStream#println(String)} keeps each line whole. An event matching several
 * patterns is printed once, by the subscription of the first pattern it matches.
 */
public final class ConsolePlugin implements HeraldPlugin {

  private final PrintStream out;
  private final Boolean colour;
  private final ZoneId zone;

  /** The plugin as the agent creates it: standard output, colours when it is a terminal. */
  public ConsolePlugin() {
    this(System.out, null, ZoneId.systemDefault());
  }

  /** For tests: this stream, colours on or off (null: detect), times in this zone. */
  ConsolePlugin(PrintStream out, Boolean colour, ZoneId zone) {
    this.out = out;
    this.colour = colour;
    this.zone = zone;
  }

  @Override
  public String name() {
    return "console";
  }

  /** What {@code start} would refuse, for {@code java -jar herald-agent.jar check}. */
  @Override
  public void checkSettings(Map<String, Object> settings) {
    ConsoleSettings.from(settings);
  }

  @Override
  public void start(PluginContext context) {
    ConsoleSettings settings = ConsoleSettings.from(context.config());
    boolean coloured = colour != null ? colour : Terminal.isTerminal();
    ConsoleLine line = new ConsoleLine(settings, coloured, zone);
    for (String pattern : settings.events()) {
      context.bus().on(pattern, event -> {
        if (pattern.equals(settings.firstMatch(event.name()))) {
          out.println(line.format(event));
        }
      });
    }
  }

  /** Flushes standard output; the agent closes the subscriptions. */
  @Override
  public void stop() {
    out.flush();
  }
}
