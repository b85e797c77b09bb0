package dev.herald.bench;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where things are: the benchmarks jar, the agents, the demo, and a work folder with the Herald
 * configs. Found from the jar's own place ({@code benchmarks/<buildDir>/benchmarks.jar}), so the
 * agent is the one built into the same {@code <buildDir>}; each can be overridden by a system
 * property ({@code herald.agent}, {@code aspectj.agent}, {@code demo.dir}).
 */
public record Workspace(Path jar, Path heraldAgent, Path aspectjAgent, Path demo, Path work) {

  static Workspace locate() throws IOException {
    Path jar;
    try {
      jar = Path.of(BenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    Path buildDir = jar.getParent();
    Path root = buildDir.getParent().getParent();
    String buildName = buildDir.getFileName().toString();
    Path agent = path("herald.agent", root.resolve("agent").resolve(buildName).resolve("herald-agent.jar"));
    Path aspectj = path("aspectj.agent", buildDir.resolve("agents").resolve("aspectjweaver.jar"));
    Path demo = path("demo.dir", root.resolve("examples/demo-app").resolve(buildName).resolve("demo"));
    if (!Files.isDirectory(demo)) {
      demo = root.resolve("examples/demo-app/target/demo");
    }
    Path work = Files.createDirectories(buildDir.resolve("bench-work"));
    Workspace workspace = new Workspace(jar, agent, aspectj, demo, work);
    workspace.writeConfig();
    return workspace;
  }

  /** The Herald config of every benchmark: the service named, the bus's documented defaults. */
  public Path config() {
    return work.resolve("herald-bench.yaml");
  }

  /** {@code -javaagent:<herald>=<config>}. */
  public String heraldFlag() {
    return "-javaagent:" + heraldAgent + "=" + config();
  }

  public String aspectjFlag() {
    return "-javaagent:" + aspectjAgent;
  }

  public File workDir() {
    return work.toFile();
  }

  private void writeConfig() throws IOException {
    Files.writeString(config(), String.join("\n",
        "# written by dev.herald.bench.BenchmarkMain",
        "services:",
        "  - class: dev.herald.bench.service.AccountService",
        "    entity: account",
        "bus:",
        "  queue-capacity: 8192",
        "  overflow: block",
        "  block-timeout: 50ms",
        "  threads: 2",
        "  shutdown-timeout: 5s",
        ""), StandardCharsets.UTF_8);
  }

  private static Path path(String property, Path fallback) {
    String value = System.getProperty(property);
    return value != null ? Path.of(value).toAbsolutePath() : fallback.toAbsolutePath().normalize();
  }
}
