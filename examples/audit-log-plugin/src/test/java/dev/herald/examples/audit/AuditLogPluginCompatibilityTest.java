package dev.herald.examples.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.HeraldPlugin;
import dev.herald.plugin.kit.PluginCompatibilityKit;
import dev.herald.plugin.kit.TestEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit-log plugin against the plugin contract, and every line it wrote for the kit is JSON. */
class AuditLogPluginCompatibilityTest extends PluginCompatibilityKit {

  @Override
  protected HeraldPlugin createPlugin() {
    return new AuditLogPlugin();
  }

  @Override
  protected Map<String, Object> config(Path tempDir) {
    return Map.of("file", "logs/audit.jsonl", "redact", List.of("password"), "fsync", "interval",
        "fsync-interval", "50ms");
  }

  @Test
  void writesValidJsonForEveryOddEvent() throws Exception {
    startPlugin();
    TestEvents.withOddValues(entity(), operation()).forEach(bus::publish);
    List<String> lines = Files.readAllLines(tempDir.resolve("logs/audit.jsonl"));

    ObjectMapper mapper = new ObjectMapper();
    assertThat(lines).hasSize(TestEvents.withOddValues(entity(), operation()).size()).allSatisfy(line -> assertThat(mapper.readTree(line).path("name").asText())
        .isEqualTo(mapper.readTree(line).path("entity").asText() + "."
            + mapper.readTree(line).path("phase").asText() + ".create"));
    assertThat(lines).allSatisfy(line -> assertThat(line.length()).as("line length").isLessThan(200_000));
  }
}
