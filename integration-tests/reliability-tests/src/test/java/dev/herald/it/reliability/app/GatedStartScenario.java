package dev.herald.it.reliability.app;

import dev.herald.api.Herald;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Calls made while a plugin starts, more than the agent keeps for it: {@code calls} service calls,
 * then the file {@code gate} is made, which the {@code counting} plugin's start waits for (its
 * {@code gate} setting). Reports that the calls were done before the gate opened, then the counts
 * after a flush.
 */
final class GatedStartScenario {

  private GatedStartScenario() {}

  static void run(Options options) throws IOException {
    long calls = options.number("calls", 20);
    OrderService service = new OrderService();
    for (long i = 0; i < calls; i++) {
      service.create(i);
    }
    Out.print("calls-done", true);
    Files.createFile(Path.of(options.text("gate", "gate")));
    Out.print("flush", Herald.bus().flush(Duration.ofSeconds(30)));
    Out.statistics("end");
  }
}
