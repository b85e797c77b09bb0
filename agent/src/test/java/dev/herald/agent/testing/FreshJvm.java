package dev.herald.agent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test class path in a JVM of its own, for what only a fresh JVM shows
 * (which classes a step loads or spins: a JVM that ran other tests has loaded them already).
 */
public final class FreshJvm {

  private FreshJvm() {}

  /** The output of {@code main} run with {@code -Xlog:class+load}, one line per class and per print; it must exit 0. */
  public static List<String> classLoads(Class<?> main) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-Xlog:class+load=info:stdout",
        "-cp", System.getProperty("java.class.path"), main.getName())
        .redirectErrorStream(true)
        .start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the fresh JVM ended").isTrue();
    List<String> lines = new String(output, StandardCharsets.UTF_8).lines().toList();
    assertThat(process.exitValue()).as("exit code; output:%n%s", String.join("\n", lines)).isZero();
    return lines;
  }
}
