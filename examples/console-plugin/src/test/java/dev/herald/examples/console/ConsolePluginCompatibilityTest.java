package dev.herald.examples.console;

import dev.herald.api.HeraldPlugin;
import dev.herald.plugin.kit.PluginCompatibilityKit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

/** The console plugin against the plugin contract; output goes to a buffer, not the test log. */
class ConsolePluginCompatibilityTest extends PluginCompatibilityKit {

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  @Override
  protected HeraldPlugin createPlugin() {
    return new ConsolePlugin(new PrintStream(buffer, true, StandardCharsets.UTF_8), false, ZoneOffset.UTC);
  }
}
