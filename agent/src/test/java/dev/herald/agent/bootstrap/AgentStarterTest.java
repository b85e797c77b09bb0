package dev.herald.agent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start that fails before the agent's code runs (a jar that cannot be read) is not left reading as running. */
class AgentStarterTest {

  @TempDir
  Path dir;

  @Test
  void anAttachWhoseJarCannotBeReadIsMarkedFailedNotAttached() throws IOException {
    Path notAJar = Files.writeString(dir.resolve("herald-agent.jar"), "not a zip");
    String before = System.getProperty("herald.agent");
    try {
      assertThatThrownBy(() -> AgentStarter.start("herald.yaml", null, true, new File(notAJar.toString())))
          .isInstanceOf(IOException.class);

      assertThat(System.getProperty("herald.agent")).isEqualTo(AgentStarter.FAILED);
    } finally {
      if (before == null) {
        System.clearProperty("herald.agent");
      } else {
        System.setProperty("herald.agent", before);
      }
    }
  }
}
