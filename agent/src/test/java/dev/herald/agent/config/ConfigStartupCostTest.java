package dev.herald.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.agent.testing.FreshJvm;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reading a valid config runs in premain, before the application's main, where every lambda or
 * method reference costs a class spun at run time: the config package's own reading spins none,
 * and a config in {@link PlainYaml}'s subset loads none of SnakeYAML's scanner, parser, composer
 * or settings. Checked in a fresh JVM, since a JVM that ran other tests has loaded them already.
 */
class ConfigStartupCostTest {

  /** Every section, with values of every kind: what the agent reads before main. */
  static final String EVERY_SECTION = """
      services:
        - class: com.acme.orders.OrderService
          entity: order
          methods: { placeOrder: create, cancel: delete }
          defaults: false
          enabled: true
        - class: com.acme.legacy.*Service
          entity: auto
      bus:
        queue-capacity: 1024
        overflow: drop-oldest
        block-timeout: 50ms
        threads: 2
        shutdown-timeout: 5s
      plugins:
        start-timeout: 2s
        config:
          audit-log: { file: logs/audit.jsonl, redact: [cardNumber], max: 3, on: true }
      context:
        mdc: { actor: actor, user-id: userId, trace-id: traceId }
      log:
        level: info
        format: json
      on-config-error: continue
      reload: false
      reload-interval: 2s
      """;

  /** The class-load log of one fresh JVM that read {@link #EVERY_SECTION}: both tests read it. */
  private static List<String> loaded;

  @BeforeAll
  static void readInFreshJvm() throws Exception {
    loaded = FreshJvm.classLoads(ReadOnce.class);
  }

  @Test
  void readingAValidConfigSpinsNoLambdaOfTheConfigPackage() {
    assertThat(loaded).as("the fresh JVM read the config").contains("read: 2 services");
    assertThat(loaded)
        .filteredOn(line -> line.contains(" dev.herald.agent.config.")
            && line.contains("$$Lambda") && !line.contains(ReadOnce.class.getName()))
        .as("lambda classes spun by the config package while reading a valid file")
        .isEmpty();
  }

  @Test
  void readingAValidConfigLoadsNoneOfSnakeYamlsScannerParserOrComposer() {
    assertThat(loaded).as("the fresh JVM read the config").contains("read: 2 services");
    assertThat(loaded)
        .as("the fresh JVM logs class loads")
        .anyMatch(line -> line.contains(" org.snakeyaml.engine.v2.nodes.MappingNode "));
    assertThat(loaded)
        .filteredOn(line -> line.contains(" org.snakeyaml.engine.v2.scanner.")
            || line.contains(" org.snakeyaml.engine.v2.parser.")
            || line.contains(" org.snakeyaml.engine.v2.composer.")
            || line.contains(" org.snakeyaml.engine.v2.api."))
        .as("SnakeYAML classes loaded to read a config in the plain subset")
        .isEmpty();
  }

  /** The fresh JVM's main: reads {@link #EVERY_SECTION} once. */
  static final class ReadOnce {

    public static void main(String[] args) throws ConfigException {
      HeraldConfig config = ConfigLoader.parse(EVERY_SECTION, Path.of("herald.yaml"),
          new Function<String, String>() {
            @Override
            public String apply(String name) {
              return null;
            }
          });
      System.out.println("read: " + config.services().size() + " services");
    }
  }
}
