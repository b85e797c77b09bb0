package dev.herald.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A folder laid out as a user would: {@code herald.yaml}, {@code plugins/} with the real recorder
 * plugin jar in it, and the recorder's output {@code events.jsonl} beside the config.
 *
 * <pre>{@code
 * Workspace ws = Workspace.in(tempDir);
 * Path config = ws.config("services:\n  - { class: com.acme.OrderService, entity: order }\n" + Workspace.RECORDER);
 * Jvm.Result result = Jvm.java().agent(config).jar(Artifacts.shapesApp(), "events").workDir(ws.dir()).run(TIMEOUT);
 * Recording recording = ws.recording();
 * }</pre>
 *
 * <p>For one test's thread; the folder is the test's {@code @TempDir}.
 */
final class Workspace {

  /** The {@code plugins:} section that loads the recorder from {@code plugins/} and records everything. */
  static final String RECORDER = """
      plugins:
        path: plugins/
        config:
          recorder: { file: events.jsonl }
      """;

  private final Path dir;

  private Workspace(Path dir) {
    this.dir = dir;
  }

  /** Lays out {@code dir}: copies the recorder plugin jar to {@code dir/plugins/}. */
  static Workspace in(Path dir) {
    Workspace workspace = new Workspace(dir);
    workspace.plugin(Artifacts.recorderPlugin());
    return workspace;
  }

  /** The folder. */
  Path dir() {
    return dir;
  }

  /** Copies a plugin jar into {@code plugins/}; returns where it went. */
  Path plugin(Path jar) {
    try {
      Path plugins = Files.createDirectories(dir.resolve("plugins"));
      return Files.copy(jar, plugins.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code herald.yaml}; returns its path. */
  Path config(String yaml) {
    return write("herald.yaml", yaml);
  }

  /** Writes {@code relativePath} (creating folders); returns its path. */
  Path write(String relativePath, String content) {
    try {
      Path file = dir.resolve(relativePath);
      Files.createDirectories(file.getParent());
      return Files.writeString(file, content, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code events.jsonl}, where {@link #RECORDER} writes. */
  Path recordingFile() {
    return dir.resolve("events.jsonl");
  }

  /** Reads {@link #recordingFile()}. */
  Recording recording() {
    return Recording.read(recordingFile());
  }

  /** A JVM running the shapes app's {@code scenarios} with the agent and {@code herald.yaml}, in this folder. */
  Jvm shapes(String... scenarios) {
    return Jvm.java().agent(dir.resolve("herald.yaml")).jar(Artifacts.shapesApp(), scenarios).workDir(dir);
  }
}
