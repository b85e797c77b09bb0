package dev.herald.agent.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.agent.testing.FreshJvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agent makes its bus in premain, before the application's main, where every lambda or method
 * reference costs a class spun at run time: making a bus spins none of the bus package's own.
 * Checked in a fresh JVM, since a JVM that ran other tests has spun them already.
 */
class BusStartupCostTest {

  @Test
  void makingABusSpinsNoLambdaOfTheBusPackage() throws Exception {
    List<String> loaded = FreshJvm.classLoads(MakeOnce.class);

    assertThat(loaded).as("the fresh JVM made a bus").contains("made: 1 thread planned");
    assertThat(loaded)
        .filteredOn(line -> line.contains(" dev.herald.agent.bus.") && line.contains("$$Lambda"))
        .as("lambda classes spun by the bus package while making a bus")
        .isEmpty();
  }

  /** The fresh JVM's main: makes a bus as the agent does in premain, and nothing else. */
  static final class MakeOnce {

    public static void main(String[] args) {
      BusOptions options = new BusOptions(1024, OverflowPolicy.fromConfigName("block"),
          Duration.ofMillis(50), 1, Duration.ofSeconds(5));
      DefaultEventBus bus = new DefaultEventBus(options);
      System.out.println("made: " + bus.options().threads() + " thread planned");
    }
  }
}
