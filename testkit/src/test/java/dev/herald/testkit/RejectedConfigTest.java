package dev.herald.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A config the agent rejects fails the test class with the agent's reason, naming the file on the
 * class path where it is (not a copy); the same JVM can then start Herald with a good config.
 * Runs in a JVM of its own (reuseForks=false): Herald starts once per JVM.
 */
class RejectedConfigTest {

  @HeraldSettings(file = "classpath:herald-rejected.yaml")
  static final class Rejected {}

  @HeraldSettings(file = "classpath:herald-test.yaml")
  static final class Good {}

  @Test
  void aRejectedConfigFailsWithTheReasonAndTheFileWhereItIs() throws Exception {
    Path file = Path.of(getClass().getResource("/herald-rejected.yaml").toURI());

    assertThatThrownBy(() -> HeraldInstaller.ensure(Rejected.class.getAnnotation(HeraldSettings.class)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Herald did not start: it rejected the config of @HeraldSettings(file"
            + " classpath:herald-rejected.yaml): " + file + ":3:")
        .hasMessageContaining("HERALD_TESTKIT_NO_SUCH_VARIABLE is not set");

    HeraldInstaller.ensure(Good.class.getAnnotation(HeraldSettings.class));
    assertThat(System.getProperty("herald.agent")).as("the good config attached after all").isEqualTo("attached");
  }
}
