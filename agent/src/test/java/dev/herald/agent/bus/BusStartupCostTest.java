package dev.herald.agent.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The agent makes its bus in premain, before the application's main, where every lambda or method
 * reference costs a class spun at run time: making a bus spins none of the bus package's own.
 * Checked in a fresh JVM, since a JVM that ran other tests has spun them already.
 */
class BusStartupCostTest {

  @Test
  void makingABusSpinsNoLambdaOfTheBusPackage() throws Exception {
    List<String> loaded = makeInFreshJvm();

    assertThat(loaded).as("the fresh JVM made a bus").contains("made: 1 thread planned");
    assertThat(loaded)
        .filteredOn(line -> line.contains(" dev.herald.agent.bus.") && line.contains("$$Lambda"))
        .as("lambda classes spun by the bus package while making a bus")
        .isEmpty();
  }

  private static List<String> makeInFreshJvm() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-Xlog:class+load=info:stdout",
        "-cp", System.getProperty("java.class.path"), MakeOnce.class.getName())
        .redirectErrorStream(true)
        .start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the fresh JVM ended").isTrue();
    List<String> lines = new String(output, StandardCharsets.UTF_8).lines().toList();
    assertThat(process.exitValue()).as("exit code; output:%n%s", String.join("\n", lines))
        .isZero();
    return lines;
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
