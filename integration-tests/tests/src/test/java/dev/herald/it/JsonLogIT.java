package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code log: { format: json }}, as a log collector on Kubernetes reads it: every line Herald writes
 * to standard error is one JSON object, a stack trace included.
 */
class JsonLogIT {

  private static final String ISO_UTC = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

  @TempDir Path dir;

  @Test
  void everyLineOfHeraldsLogIsOneJsonObjectAStackTraceIncluded() throws JsonProcessingException {
    Workspace ws = Workspace.in(dir);
    // a listener that fails: its WARN carries a stack trace with a cause, which text spreads over lines
    ws.plugin(TestPlugins.compile(dir.resolve("build"), "refuser.jar", "it.refuser.RefuserPlugin", Map.of(
        "it.refuser.RefuserPlugin", """
            package it.refuser;

            public final class RefuserPlugin implements dev.herald.api.HeraldPlugin {
              @Override public String name() { return "refuser"; }
              @Override public void start(dev.herald.api.PluginContext context) {
                context.bus().on("account.after.create", event -> {
                  throw new IllegalStateException("refused \\"" + event.name() + "\\"\\nforged line",
                      new IllegalArgumentException("root cause"));
                });
              }
            }
            """)));
    ws.config("""
        services:
          - { class: dev.herald.it.shapes.AccountService, entity: account }
        log:
          format: json
        """ + Workspace.RECORDER);

    Jvm.Result result = ws.shapes("classloading").run(Timeouts.RUN);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stderr()).as("no text line; %s", result.describe()).doesNotContain("[herald]");
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : result.stderr().lines().toList()) {
      JsonNode object = json.readTree(line); // throws on anything but one whole JSON value
      assertThat(object.isObject()).as("%s; %s", line, result.describe()).isTrue();
      assertThat(object.path("time").asText()).as(line).matches(ISO_UTC);
      assertThat(object.path("level").asText()).as(line).isIn("ERROR", "WARN", "INFO", "DEBUG", "TRACE");
      assertThat(object.path("logger").asText()).as(line).startsWith("herald.");
      assertThat(object.path("message").isTextual()).as(line).isTrue();
      lines.add(object);
    }
    assertThat(lines).as(result.describe())
        .anySatisfy(line -> assertThat(line.path("message").asText()).startsWith("Herald started"));
    assertThat(lines).as("the listener's failure, its trace in one string; %s", result.describe())
        .filteredOn(line -> line.has("error")).singleElement().satisfies(line -> {
          assertThat(line.path("level").asText()).isEqualTo("WARN");
          assertThat(line.path("message").asText()).contains("refuser").contains("the listener threw");
          assertThat(line.path("error").asText())
              .startsWith("dev.herald.agent.log.MessageHidden: java.lang.IllegalStateException, its message not shown")
              .containsPattern("\n\tat (\\S+//)?it\\.refuser\\.RefuserPlugin\\.")
              .contains("\nCaused by: dev.herald.agent.log.MessageHidden: java.lang.IllegalArgumentException")
              .doesNotContain("forged line").doesNotContain("root cause");
        });
  }
}
