package dev.herald.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderFileTest {

  @TempDir Path dir;

  private ConfigException.Problem loadProblem(Path file) {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> ConfigLoader.load(file, name -> null));
    assertThat(e).as("ConfigException for %s", file).isNotNull();
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0);
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  @Test
  void readsTheFullDesignExample() throws Exception {
    Path file = copyResource("design-example.yaml");
    Files.createDirectory(dir.resolve("plugins"));

    HeraldConfig config = ConfigLoader.load(file, Map.of("SLACK_WEBHOOK_URL", "https://hooks")::get);

    assertThat(config.file()).isEqualTo(file);
    assertThat(config.services()).extracting(ServiceEntry::classPattern).containsExactly(
        "com.acme.accounts.AccountService", "com.acme.orders.OrderService",
        "com.acme.payments.PaymentService", "com.acme.legacy.*Service");
    assertThat(config.services()).extracting(ServiceEntry::line).containsExactly(3, 5, 10, 13);
    assertThat(config.services().get(1).methods())
        .containsExactly(Map.entry("placeOrder", "create"), Map.entry("cancel", "delete"));
    assertThat(config.services().get(3).enabled()).isFalse();
    assertThat(config.services().get(3).entityFor("com.acme.legacy.LegacyUserService"))
        .isEqualTo("legacyUser");
    assertThat(config.bus()).isEqualTo(BusSettings.DEFAULTS);
    assertThat(config.plugins().path()).isEqualTo(dir.resolve("plugins").toAbsolutePath());
    assertThat(config.plugins().pathExplicit()).isTrue();
    assertThat(config.plugins().startTimeout()).hasSeconds(15);
    assertThat(config.plugins().deferStart()).isTrue();
    assertThat(config.plugins().configFor("audit-log")).containsEntry("file", "logs/audit.jsonl");
    assertThat(config.plugins().configFor("slack"))
        .containsEntry("webhook-url", "https://hooks")
        .extractingByKey("rules", InstanceOfAssertFactories.LIST).hasSize(2)
        .first().isEqualTo(Map.of("on", java.util.List.of("order.after.create"),
            "channel", "#sales", "text", "New order: {result.id} - {result.total}"));
    assertThat(config.context())
        .isEqualTo(new ContextSettings("actor", "userId", "traceId"));
    assertThat(config.log())
        .isEqualTo(new LogSettings("debug", null, dir.resolve("logs/herald.log").toAbsolutePath()));
    assertThat(config.onConfigError()).isEqualTo(OnConfigError.CONTINUE);
    assertThat(config.reload()).isTrue();
    assertThat(config.reloadInterval()).hasMillis(500);
  }

  @Test
  void reportsEveryProblemOfAFileAtOnceWithItsOnConfigError() throws Exception {
    Path file = copyResource("broken.yaml");
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> ConfigLoader.load(file, name -> null));

    assertThat(e.problems()).extracting(Configs::at).containsExactly(
        "3:5: services[0]: missing 'entity' (the event prefix, or auto)",
        "4:5: unknown key 'enity' in services[0]; did you mean 'entity'?",
        "6:12: bus.threads: out of range; expected a whole number from 1 to 64, found '100'");
    assertThat(e.getMessage()).isEqualTo(file + ":3:5: services[0]: missing 'entity' (the event "
        + "prefix, or auto)\n" + file + ":4:5: unknown key 'enity' in services[0]; did you mean "
        + "'entity'?\n" + file + ":6:12: bus.threads: out of range; expected a whole number from 1 "
        + "to 64, found '100'");
    assertThat(e.onConfigError()).isEqualTo(OnConfigError.EXIT);
  }

  @Test
  void missingFileIsNamed() {
    Path file = dir.resolve("nope.yaml");
    assertThat(loadProblem(file).toString()).isEqualTo(file + ": does not exist");
    assertThat(loadProblem(Path.of("relative-nope.yaml")).toString())
        .startsWith("relative-nope.yaml: does not exist (looked for ")
        .endsWith("relative-nope.yaml)");
  }

  @Test
  void folderIsNotAFile() {
    assertThat(loadProblem(dir).message()).isEqualTo("is a folder; expected a YAML file");
  }

  @Test
  void unreadableFileSaysSo() throws IOException {
    Path file = write("herald.yaml", "services: []\n".getBytes(StandardCharsets.UTF_8));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(file), "root reads any file; cannot test here");
    assertThat(loadProblem(file).message()).isEqualTo("cannot be read: permission denied");
  }

  @Test
  void fileThatFailsToReadSaysWhy() {
    // reading this Linux file from offset 0 fails with EIO, whoever runs the test
    Path failing = Path.of("/proc/self/mem");
    assumeTrue(Files.exists(failing), "needs Linux /proc");
    assertThat(loadProblem(failing).toString())
        .isEqualTo("/proc/self/mem: cannot be read: IOException: Input/output error");
  }

  @Test
  void emptyFileAndCommentOnlyFileAreEmpty() throws IOException {
    String expected = "is empty; expected a mapping such as 'services: [...]'"
        + " (write 'services: []' to instrument nothing on purpose)";
    assertThat(loadProblem(write("a.yaml", new byte[0])).toString())
        .isEqualTo(dir.resolve("a.yaml") + ": " + expected);
    assertThat(loadProblem(write("b.yaml", "# nothing yet\n\n".getBytes(StandardCharsets.UTF_8)))
        .message()).isEqualTo(expected);
    assertThat(loadProblem(write("c.yaml", "---\n".getBytes(StandardCharsets.UTF_8))).message())
        .isEqualTo(expected);
  }

  @Test
  void fileOverOneMebibyteIsRefusedBeforeReading() throws IOException {
    Path file = dir.resolve("big.yaml");
    try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
      sparse.setLength(10L * 1024 * 1024);
    }
    assertThat(loadProblem(file).message())
        .isEqualTo("is 10 MiB; a Herald config is at most 1 MiB (1,048,576 bytes)");
    Path justOver = write("over.yaml", new byte[1024 * 1024 + 1]);
    assertThat(loadProblem(justOver).message())
        .isEqualTo("is 1,048,577 bytes; a Herald config is at most 1 MiB (1,048,576 bytes)");
  }

  @Test
  void binaryFileIsNotYaml() throws IOException {
    Path file = write("bin.yaml", new byte[] {'a', ':', ' ', 1, 0, (byte) 0x89, 'P', 'N', 'G'});
    assertThat(Configs.at(loadProblem(file)))
        .isEqualTo("1:5: is a binary file, not YAML text (a NUL byte at offset 4)");
  }

  @Test
  void invalidUtf8IsReportedWhereItIs() throws IOException {
    byte[] latin1 = "services: []\nbus: { overflow: bl\u00f6ck }\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    assertThat(Configs.at(loadProblem(write("latin.yaml", latin1)))).isEqualTo(
        "2:20: is not UTF-8 text: byte 0xF6 at offset 32 is not valid UTF-8; save the file as UTF-8");
    byte[] utf16 = "services: []\n".getBytes(StandardCharsets.UTF_16);
    assertThat(loadProblem(write("utf16.yaml", utf16)).message())
        .isEqualTo("is UTF-16 text; save it as UTF-8");
  }

  @Test
  void utf8ByteOrderMarkIsAccepted() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = "bus: { threads: 3 }\n".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, bytes, 0, 3);
    System.arraycopy(body, 0, bytes, 3, body.length);
    assertThat(ConfigLoader.load(write("bom.yaml", bytes), name -> null).bus().threads())
        .isEqualTo(3);
  }

  @Test
  void parsedTextOverOneMebibyteIsRefused() {
    String text = "# " + "x".repeat(1024 * 1024) + "\n";
    assertThat(Configs.problem(text).message())
        .isEqualTo("is 1,048,579 bytes; a Herald config is at most 1 MiB (1,048,576 bytes)");
  }

  private Path copyResource(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/config/" + name)) {
      assertThat(in).as("test resource config/%s", name).isNotNull();
      return Files.write(dir.resolve(name), in.readAllBytes());
    }
  }
}
