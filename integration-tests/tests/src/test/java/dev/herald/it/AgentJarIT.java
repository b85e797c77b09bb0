package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent finds its own jar, which holds its implementation, however the jar is named and
 * wherever it lies: by the name its manifest's {@code Boot-Class-Path} expects ({@code
 * herald-agent.jar}, found among the files the JVM mapped) and under another name (the manifest
 * entry then finds nothing, and the agent's entry class comes from the system class path).
 */
class AgentJarIT {

  @TempDir
  Path dir;

  @Test
  void startsFromAFolderWithSpacesInItsName() throws Exception {
    Recording recording = runWithAgentAt(dir.resolve("my agents").resolve("herald-agent.jar"));

    assertThat(Calls.names(recording, "cl-1")).containsExactly("account.before.create", "account.after.create");
  }

  @Test
  void startsUnderAnotherName() throws Exception {
    Recording recording = runWithAgentAt(dir.resolve("agents").resolve("herald-1.0.jar"));

    assertThat(Calls.names(recording, "cl-1")).containsExactly("account.before.create", "account.after.create");
  }

  @Test
  void tellsTheVersionOfItsJarOnTheCommandLineAndInItsStartLine() throws Exception {
    String version;
    try (JarFile jar = new JarFile(Artifacts.agentJar().toFile())) {
      version = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
    }
    assertThat(version).as("the build writes Implementation-Version").isNotBlank();

    Jvm.Result cli = Jvm.java().jar(Artifacts.agentJar(), "version").run(Timeouts.RUN);
    Workspace ws = Workspace.in(Files.createDirectories(dir.resolve("app")));
    Path config = ws.config("services:\n  - { class: dev.herald.it.shapes.AccountService, entity: account }\n");
    Jvm.Result app = Jvm.java().agent(config).jar(Artifacts.shapesApp(), "classloading").workDir(ws.dir())
        .run(Timeouts.RUN);

    assertThat(cli.exitCode()).as(cli.describe()).isZero();
    assertThat(cli.stdout().strip()).isEqualTo("Herald " + version);
    assertThat(app.heraldLines("INFO")).as(app.describe())
        .anySatisfy(line -> assertThat(line).contains("Herald started in").contains("(version " + version + ")"));
  }

  private Recording runWithAgentAt(Path jar) throws Exception {
    Files.createDirectories(jar.getParent());
    Files.copy(Artifacts.agentJar(), jar, StandardCopyOption.REPLACE_EXISTING);
    Workspace ws = Workspace.in(Files.createDirectories(dir.resolve("app")));
    Path config = ws.config(
        "services:\n  - { class: dev.herald.it.shapes.AccountService, entity: account }\n" + Workspace.RECORDER);
    Jvm.Result result = Jvm.java().jvmArg("-javaagent:" + jar + "=" + config)
        .jar(Artifacts.shapesApp(), "classloading").workDir(ws.dir()).run(Timeouts.RUN);
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.heraldLines("ERROR")).as(result.describe()).isEmpty();
    return ws.recording();
  }
}
