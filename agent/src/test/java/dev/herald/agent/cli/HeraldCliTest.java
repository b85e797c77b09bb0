package dev.herald.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The command line's answers to arguments it cannot take: exit 2, the reason, then the usage. */
class HeraldCliTest {

  @Test
  void refusesANegativeMaxMatches() {
    assertThat(run("check", "herald.yaml", "--max-matches", "-1"))
        .startsWith("herald: --max-matches needs a number of 0 or more, got -1").contains("usage");
  }

  @Test
  void refusesArgumentsToList() {
    assertThat(run("list", "shop.jar")).startsWith("herald: list takes no arguments, got shop.jar");
  }

  @Test
  void saysHowManyArgumentsAttachGot() {
    assertThat(run("attach", "1234", "herald.yaml", "extra"))
        .startsWith("herald: attach takes a target and a config file, got 3 arguments");
  }

  /** Runs the command line, expecting exit status 2; returns what it wrote to standard error. */
  private static String run(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = HeraldCli.run(args, new File("herald-agent.jar"), Path.of("."),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    return err.toString(StandardCharsets.UTF_8);
  }
}
