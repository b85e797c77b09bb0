package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent (Java 17 bytecode) on Java 25 emits exactly what it emits on Java 17: the same events
 * for the same calls of the shapes application, and for the demo shop run from its own folder.
 *
 * <p>The Java 17 side is the JVM running the tests (the build's Java 17). Skipped, with a message
 * saying so, where no Java 25 is installed at {@link #JAVA_25}.
 */
class Java25IT {

  private static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

  /** The shapes scenarios compared; "async" completes its futures on another thread. */
  private static final String[] SCENARIOS = {"events", "errors", "args", "never", "async"};

  private static final String SHAPES_CONFIG = """
      services:
        - { class: dev.herald.it.shapes.AccountService, entity: account }
        - { class: dev.herald.it.shapes.OrderService, entity: order }
        - class: dev.herald.it.shapes.PaymentGateway
          entity: payment
          methods: { process: process }
        - { class: dev.herald.it.shapes.StockRepository, entity: stock }
        - { class: dev.herald.it.shapes.ShipmentService, entity: shipment }
        - { class: dev.herald.it.shapes.LedgerService, entity: ledger }
        - class: dev.herald.it.shapes.CatalogService
          entity: catalog
          methods: { "*": touch }
      """ + Workspace.RECORDER;

  @TempDir
  static Path dir;

  private static Run shapesOn17;
  private static Run shapesOn25;

  @BeforeAll
  static void runTheShapesOnJava17AndJava25() {
    Assumptions.assumeTrue(Files.isExecutable(JAVA_25.resolve("bin").resolve("java")),
        "Java 25 not found at " + JAVA_25 + ": skipped");
    shapesOn17 = shapes(Jvm.java(), "17");
    shapesOn25 = shapes(Jvm.java(JAVA_25), "25");
  }

  @Test
  void emitsTheSameShapesEventsAsOnJava17() {
    Recording on17 = shapesOn17.recording();
    Recording on25 = shapesOn25.recording();

    assertThat(on17.names())
        .as("the Java 17 run records the scenarios' events: " + on17 + "\n" + shapesOn17.result().describe())
        .contains("account.before.create", "order.after.create", "payment.after.process",
            "stock.after.create", "ledger.after.upsert", "shipment.after.create", "account.failed.delete");
    assertThat(withoutEntity(on25, "shipment"))
        .as("the synchronous scenarios' events, in order, on 25 against 17:\n17 " + on17 + "\n25 " + on25)
        .containsExactlyElementsOf(withoutEntity(on17, "shipment"));
    assertThat(on25.names())
        .as("all events on 25 against 17:\n17 " + on17 + "\n25 " + on25)
        .containsExactlyInAnyOrderElementsOf(on17.names());
    assertThat(on25.byInvocation().values())
        .as(on25.toString())
        .allSatisfy(call -> assertThat(call).hasSize(2));
  }

  @Test
  void printsNoJvmWarningAboutTheAgentOnJava25() {
    // Java 25 warns on standard error when a library calls the terminally deprecated
    // sun.misc.Unsafe memory methods, naming the calling class: a user would see it on every start.
    assertThat(shapesOn25.result().stderr().lines())
        .as(shapesOn25.result().describe())
        .noneMatch(line -> line.startsWith("WARNING:") && line.contains("dev.herald"));
  }

  @Test
  void runsTheDemoWithTheSameEventsAsOnJava17() {
    Run on17 = demo(Jvm.java(), "17");
    Run on25 = demo(Jvm.java(JAVA_25), "25");

    assertThat(on17.recording().names()).as("the demo on 17 records events:\n" + on17.result().describe()).isNotEmpty();
    // The demo reserves stock on a warehouse thread: the same events, not necessarily interleaved the same.
    assertThat(on25.recording().names())
        .as("the demo's events on 25 against 17:\n17 " + on17.recording() + "\n25 " + on25.recording())
        .containsExactlyInAnyOrderElementsOf(on17.recording().names());
    assertThat(errors(on25.result()))
        .as("no agent error on 25 that 17 does not have:\n" + on25.result().describe())
        .isSubsetOf(errors(on17.result()));
  }

  private static Run shapes(Jvm jvm, String name) {
    Workspace workspace = Workspace.in(subdir("shapes-" + name));
    Path config = workspace.config(SHAPES_CONFIG);
    Jvm.Result result =
        jvm.agent(config).jar(Artifacts.shapesApp(), SCENARIOS).workDir(workspace.dir()).run(Timeouts.RUN);
    assertThat(result.exitCode()).as("shapes on Java " + name + ":\n" + result.describe()).isZero();
    assertThat(result.stdoutLines()).as(result.describe()).contains("DONE");
    return new Run(result, workspace.recording());
  }

  /** The demo folder copied (its config writes beside itself), with the recorder added to its plugins. */
  private static Run demo(Jvm jvm, String name) {
    Path copy = subdir("demo-" + name);
    copyTree(Artifacts.demoDir(), copy);
    Workspace workspace = Workspace.in(copy);
    Path config = copy.resolve("herald.yaml");
    workspace.config(withRecorder(read(config)));
    Jvm.Result result = jvm.agent(config)
        .jvmArg("-Dshop.pace=0")
        // Nothing listens there: the Slack plugin's posts fail alike on both JDKs, nothing leaves the machine.
        .env("SLACK_WEBHOOK_URL", "http://127.0.0.1:9/herald-it")
        .jar(copy.resolve("shop.jar"))
        .workDir(copy)
        .run(Timeouts.RUN);
    assertThat(result.exitCode()).as("the demo on Java " + name + ":\n" + result.describe()).isZero();
    return new Run(result, workspace.recording());
  }

  /** The demo's own config, with {@code recorder: { file: events.jsonl }} added under {@code plugins.config}. */
  static String withRecorder(String yaml) {
    List<String> lines = yaml.lines().collect(Collectors.toList());
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.matches("\\s+config:\\s*(#.*)?") && i + 1 < lines.size()) {
        String next = lines.get(i + 1);
        String indent = next.substring(0, next.length() - next.stripLeading().length());
        lines.add(i + 1, indent + "recorder: { file: events.jsonl }");
        return String.join("\n", lines) + "\n";
      }
    }
    return fail("the demo's herald.yaml has no plugins.config section to add the recorder to:\n" + yaml);
  }

  private static List<String> withoutEntity(Recording recording, String entity) {
    return recording.where(e -> !e.entity().equals(entity)).stream()
        .map(RecordedEvent::name)
        .collect(Collectors.toList());
  }

  /** The agent's ERROR lines, numbers (time of day, counts, ids) masked. */
  private static List<String> errors(Jvm.Result result) {
    return result.heraldLines("ERROR").stream()
        .map(line -> line.substring(line.indexOf("[herald]")).replaceAll("\\d+", "N"))
        .collect(Collectors.toList());
  }

  private static Path subdir(String name) {
    try {
      return Files.createDirectories(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One run of an application: what it printed and what the recorder recorded. */
  private record Run(Jvm.Result result, Recording recording) {}
}
