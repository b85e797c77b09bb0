package dev.herald.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.herald.agent.config.ConfigLoader;
import dev.herald.agent.config.HeraldConfig;
import dev.herald.agent.config.ServiceEntry;
import dev.herald.agent.log.AgentLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveChangesTest {

  private static ServiceEntry entry(int index, String pattern, String entity, boolean enabled) {
    return new ServiceEntry(index, index + 2, pattern, entity, Map.of(), true, enabled);
  }

  @Test
  void aReloadThatChangesRulesAlsoReportsTheFlagsThatFlippedWithIt() {
    List<ServiceEntry> now = List.of(
        entry(0, "com.acme.OrderService", "order", true),
        entry(1, "com.acme.StockService", "stock", true),
        entry(2, "com.acme.OldService", "old", true));
    List<ServiceEntry> next = List.of(
        entry(0, "com.acme.OrderService", "purchase", false),
        entry(1, "com.acme.StockService", "stock", false),
        entry(2, "com.acme.NewService", "new", false));

    assertThat(LiveChanges.describeDifference(now, next)).isEqualTo(
        "~com.acme.OrderService (disabled) com.acme.StockService disabled +com.acme.NewService (disabled)"
            + " -com.acme.OldService");
  }

  @Test
  void warnsOnceAboutASettingThatAppliesAtTheNextStartNotWithEveryLaterEdit(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("herald.yaml");
    LiveChanges live = new LiveChanges(read(file, "bus: { threads: 1 }\n"), null, null);
    ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) AgentLog.get(LiveChanges.class);
    ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    warnings.start();
    logger.addAppender(warnings);
    try {
      live.apply(read(file, "bus: { threads: 2 }\n"));
      live.apply(read(file, "bus: { threads: 2 }\n# an edit elsewhere in the file\n"));
      live.apply(read(file, "bus: { threads: 1 }\n"));
      live.apply(read(file, "bus: { threads: 3 }\ncontext: { mdc: { actor: who } }\n"));
    } finally {
      logger.detachAppender(warnings);
    }

    assertThat(warnings.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
        file + ": bus changed; it takes effect at the next start",
        file + ": bus, context changed; they take effect at the next start");
  }

  private static HeraldConfig read(Path file, String yaml) throws Exception {
    Files.writeString(file, yaml);
    return ConfigLoader.load(file, name -> null);
  }

  @Test
  void aRefusedAddServiceNamesPositionsInTheTextTheOperatorGave() {
    assertThatThrownBy(() -> LiveChanges.parseEntry("{class: 9nine}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("addService:1:9: class: ").hasMessageContaining("addService:1:1: missing 'entity'")
        .hasMessageNotContaining("services[0]");
    assertThatThrownBy(() -> LiveChanges.parseEntry("class: com.acme.OrderService\nentity: [order, stock]"))
        .hasMessageStartingWith("addService:2:9: entity: ");
    assertThatThrownBy(() -> LiveChanges.parseEntry("class: [oops"))
        .as("positions inside a YAML message too")
        .hasMessageContaining("(while parsing a flow sequence started at line 1, column 8)");
    assertThatThrownBy(() -> LiveChanges.parseEntry("{class: 9nine, entity: [a], colour: red}"))
        .as("every problem, each with its position, one line")
        .hasMessageContaining("addService:1:9: class: ").hasMessageContaining("; addService:1:24: entity: ")
        .hasMessageContaining("; addService:1:").hasMessageContaining("colour").hasMessageNotContaining("\n");
  }

  @Test
  void anEntryAddedOverJmxTakesNothingFromTheEnvironment() {
    String home = System.getenv("HOME");
    assertThat(home).as("a variable every test machine has").isNotBlank();
    // the refusal is the reply a JMX client shows; the value must not be in it, nor in the entry
    assertThatThrownBy(() -> LiveChanges.parseEntry("{class: 'com.acme.${HOME}', entity: x}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("${...} is not replaced in an entry added over JMX")
        .hasMessageNotContaining(home);
  }
}
