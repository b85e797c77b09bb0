package dev.herald.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attach} and {@code list} against JVMs started by the test, with a marker agent standing in for Herald. */
class AttachCommandTest {

  @TempDir Path folder;
  private Path agentJar;
  private Path marker;
  private Path config;
  private final String token = "target-" + UUID.randomUUID();
  private Process target;

  @BeforeEach
  void prepare() throws Exception {
    Path classes = Path.of(MarkerAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path only = Files.createDirectories(folder.resolve("agent/dev/herald/agent/cli"));
    Files.copy(classes.resolve("dev/herald/agent/cli/MarkerAgent.class"), only.resolve("MarkerAgent.class"));
    String name = MarkerAgent.class.getName();
    agentJar = AppFixtures.jar(folder.resolve("herald-marker.jar"), folder.resolve("agent"), "",
        Map.of("Premain-Class", name, "Agent-Class", name), Map.of());
    marker = folder.resolve("marker.txt");
    config = Files.writeString(folder.resolve("herald.yaml"), "services: [{class: com.acme.OrderService, entity: order}]\n");
  }

  @AfterEach
  void stopTarget() throws Exception {
    if (target != null) {
      target.getOutputStream().close();
      if (!target.waitFor(10, TimeUnit.SECONDS)) {
        target.destroyForcibly();
      }
    }
  }

  @Test
  void loadsTheAgentIntoTheJvmNamedByMainClassWithAnAbsoluteConfigPath() throws Exception {
    start(List.of());

    Result result = cli("attach", token, folder.relativize(config).toString());

    assertThat(result.status()).as(result.toString()).isZero();
    assertThat(result.out()).contains("Herald attached to JVM " + target.pid());
    assertThat(Files.readString(marker)).isEqualTo("agentmain:" + config.toAbsolutePath() + "\n");
  }

  @Test
  void refusesPolitelyWhenHeraldAlreadyRunsThere() throws Exception {
    start(List.of("-javaagent:" + agentJar));

    Result result = cli("attach", Long.toString(target.pid()), config.toString());

    assertThat(result.status()).as(result.toString()).isEqualTo(1);
    assertThat(result.out()).contains("Herald already runs in JVM " + target.pid()).contains("nothing was done");
    assertThat(Files.readString(marker)).isEqualTo("premain:null\n");
  }

  @Test
  void listsTheJvmsItCanAttachTo() throws Exception {
    start(List.of());

    Result result = cli("list");

    assertThat(result.status()).isZero();
    assertThat(result.out()).containsPattern("(?m)^" + target.pid() + " +.*AttachTarget " + token);
  }

  @Test
  void failsWhenNoJvmMatches() throws Exception {
    Result result = cli("attach", "no-such-main-class-" + token, config.toString());

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err()).contains("no JVM matches 'no-such-main-class-");
  }

  @Test
  void saysWhenAProcessIdNamesAProcessTheAttachApiCannotReach() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "30").start();
    try {
      Result result = cli("attach", Long.toString(sleeper.pid()), config.toString());

      assertThat(result.status()).isEqualTo(2);
      assertThat(result.err()).contains("process " + sleeper.pid() + " runs, but the attach API cannot reach it");
    } finally {
      sleeper.destroyForcibly();
    }
  }

  private void start(List<String> jvmOptions) throws Exception {
    Path classes = Path.of(AttachTarget.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dmarker.file=" + marker));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classes.toString(), AttachTarget.class.getName(), token));
    target = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(target.getInputStream(), StandardCharsets.UTF_8));
    String first = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (java.io.IOException e) {
        return e.toString();
      }
    }).get(30, TimeUnit.SECONDS);
    assertThat(first).as("the target JVM's first line").isEqualTo("ready");
  }

  private Result cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = HeraldCli.run(args, agentJar.toFile(), folder, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private record Result(int status, String out, String err) {}

}
