package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar herald-agent.jar attach} against a running shapes app, as an operator would use
 * it: a config the target rejects leaves the application running and is reported as a failure,
 * and an attach with the config fixed then starts Herald there.
 */
class AttachIT {

  private static final Duration CLI = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void aConfigTheTargetRejectsIsReportedAndNeverEndsTheApplicationAndAFixedOneAttaches() throws Exception {
    Workspace ws = Workspace.in(dir);
    // Checked with the operator's environment, where SHAPES_SERVICE is set; the target has none.
    Path needsVariable = ws.write("needs-variable.yaml", """
        on-config-error: exit
        services:
          - class: ${SHAPES_SERVICE}
            entity: account
        """ + Workspace.RECORDER);
    Path fixed = ws.write("fixed.yaml", """
        services:
          - class: dev.herald.it.shapes.AccountService
            entity: account
        """ + Workspace.RECORDER);
    CompletableFuture<Jvm.Result> target = CompletableFuture.supplyAsync(() -> Jvm.java()
        .jar(Artifacts.shapesApp(), "attach").env("SHAPES_SERVICE", null).workDir(dir).run(Timeouts.RUN));
    String pid = awaitReady(target);

    Jvm.Result rejected = attach(pid, needsVariable);

    assertThat(rejected.exitCode()).as(rejected.describe()).isEqualTo(2);
    assertThat(rejected.stderr()).as(rejected.describe())
        .contains("Herald did not start in JVM " + pid).contains("rejected the config")
        .as("the target's reason, shown where the operator is").contains("needs-variable.yaml:3:")
        .contains("SHAPES_SERVICE is not set");
    Thread.sleep(300);
    assertThat(target).as("the application runs on after a rejected attach").isNotDone();

    Jvm.Result attached = attach(pid, fixed);

    assertThat(attached.exitCode()).as(attached.describe()).isZero();
    assertThat(attached.stdout()).contains("Herald attached to JVM " + pid);
    Thread.sleep(1_000);
    Files.writeString(dir.resolve("stop"), "");
    Jvm.Result app = target.get(Timeouts.RUN.toSeconds(), TimeUnit.SECONDS);
    assertThat(app.exitCode()).as(app.describe()).isZero();
    assertThat(app.heraldLines("ERROR")).as(app.describe()).singleElement().asString()
        .contains("needs-variable.yaml:3").contains("SHAPES_SERVICE").contains("Herald was not attached")
        .doesNotContain("exiting");
    assertThat(app.heraldLines("INFO")).as(app.describe())
        .anySatisfy(line -> assertThat(line).contains("Herald started").contains("fixed.yaml"));
    Map<Long, List<RecordedEvent>> calls = ws.recording().byInvocation();
    assertThat(calls).as("calls made after the second attach emit; %s", app.describe()).isNotEmpty();
    assertThat(calls.values()).as("one before and one after per call, none doubled")
        .allSatisfy(events -> assertThat(events).extracting(RecordedEvent::name)
            .containsExactly("account.before.create", "account.after.create"));
  }

  @Test
  void ofTwoAttachesAtTheSameMomentOneStartsHeraldAndTheOtherIsToldItsConfigWasNotUsed() throws Exception {
    Workspace ws = Workspace.in(dir);
    String config = """
        services:
          - class: dev.herald.it.shapes.AccountService
            entity: account
        """ + Workspace.RECORDER;
    Path first = ws.write("first.yaml", config);
    Path second = first; // the same file: each attach still tells its own start apart
    CompletableFuture<Jvm.Result> target = CompletableFuture.supplyAsync(() -> Jvm.java()
        .jar(Artifacts.shapesApp(), "attach").workDir(dir).run(Timeouts.RUN));
    String pid = awaitReady(target);

    // both commands usually pass the "already runs" check before either start has begun
    CompletableFuture<Jvm.Result> one = CompletableFuture.supplyAsync(() -> attach(pid, first));
    CompletableFuture<Jvm.Result> other = CompletableFuture.supplyAsync(() -> attach(pid, second));
    List<Jvm.Result> results = List.of(one.get(), other.get());

    String both = results.get(0).describe() + "\n" + results.get(1).describe();
    assertThat(results).extracting(Jvm.Result::exitCode).as(both).containsExactlyInAnyOrder(0, 1);
    Jvm.Result refused = results.stream().filter(r -> r.exitCode() == 1).findFirst().orElseThrow();
    Jvm.Result started = results.stream().filter(r -> r.exitCode() == 0).findFirst().orElseThrow();
    assertThat(refused.stdout()).as(both).contains("Herald already runs in JVM " + pid);
    assertThat(started.stdout()).as(both).contains("Herald attached to JVM " + pid);
    Thread.sleep(1_000);
    Files.writeString(dir.resolve("stop"), "");
    Jvm.Result app = target.get(Timeouts.RUN.toSeconds(), TimeUnit.SECONDS);
    assertThat(app.exitCode()).as(app.describe()).isZero();
    assertThat(app.heraldLines("INFO")).as(app.describe())
        .filteredOn(line -> line.contains("Herald started")).singleElement().asString().contains("first.yaml")
        .doesNotContain("herald-attach-id");
    assertThat(app.heraldLines("WARN")).as(app.describe())
        .filteredOn(line -> line.contains("the second start was ignored")).hasSizeLessThanOrEqualTo(1);
    assertThat(ws.recording().byInvocation().values()).as("one before and one after per call, none doubled")
        .isNotEmpty()
        .allSatisfy(events -> assertThat(events).extracting(RecordedEvent::name)
            .containsExactly("account.before.create", "account.after.create"));
  }

  private String awaitReady(CompletableFuture<Jvm.Result> target) throws Exception {
    Path ready = dir.resolve("attach-ready");
    long deadline = System.nanoTime() + Timeouts.RUN.toNanos();
    while (!Files.exists(ready) || Files.readString(ready).isBlank()) {
      if (target.isDone()) {
        throw new AssertionError("the application ended before it was ready: " + target.get().describe());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the application was not ready within " + Timeouts.RUN);
      }
      Thread.sleep(50);
    }
    return Files.readString(ready).strip();
  }

  @Test
  void theCommandLineWorksWhereEveryJvmGetsHeraldThroughJavaToolOptions() throws Exception {
    Workspace ws = Workspace.in(dir);
    Path config = ws.write("herald.yaml", """
        services:
          - class: dev.herald.it.shapes.AccountService
            entity: account
        """ + Workspace.RECORDER);
    // as in a container image: the agent for every JVM, the command line among them
    String everyJvm = "-javaagent:" + Artifacts.agentJar() + "=" + config;

    Jvm.Result list = Jvm.java().jar(Artifacts.agentJar(), "list").env("JAVA_TOOL_OPTIONS", everyJvm)
        .workDir(dir).run(CLI);
    Jvm.Result check = Jvm.java().jar(Artifacts.agentJar(), "check", config.toString())
        .env("JAVA_TOOL_OPTIONS", everyJvm).workDir(dir).run(CLI);

    assertThat(list.exitCode()).as(list.describe()).isZero();
    assertThat(list.stderr()).as(list.describe()).doesNotContain("NoClassDefFoundError");
    assertThat(check.exitCode()).as(check.describe()).isZero();
    assertThat(list.heraldLines()).as("the command line's own JVM runs no agent; %s", list.describe()).isEmpty();
    assertThat(check.stderr()).as(check.describe()).doesNotContain("Herald started").doesNotContain("no class named");

    // another copy of the jar than the one the image names (a newer version, say) is the command line too
    Path copy = Files.createDirectories(dir.resolve("other copy")).resolve("herald-agent.jar"); // a space, too
    Files.copy(Artifacts.agentJar(), copy);
    Jvm.Result listFromCopy = Jvm.java().jar(copy, "list").env("JAVA_TOOL_OPTIONS", everyJvm).workDir(dir).run(CLI);
    assertThat(listFromCopy.exitCode()).as(listFromCopy.describe()).isZero();
    assertThat(listFromCopy.heraldLines()).as("no agent in the command line's JVM; %s", listFromCopy.describe())
        .isEmpty();
  }

  @Test
  void jdkToolsAndJavaVersionRunWithoutHeraldWhereEveryJvmGetsIt() throws Exception {
    Workspace ws = Workspace.in(dir);
    Path config = ws.write("herald.yaml", """
        services:
          - class: dev.herald.it.shapes.AccountService
            entity: account
        """ + Workspace.RECORDER);
    String everyJvm = "-javaagent:" + Artifacts.agentJar() + "=" + config;
    Path source = Files.writeString(dir.resolve("Hello.java"), """
        class Hello {
          public static void main(String[] args) {
            System.out.println("hello");
          }
        }
        """);

    // jshell runs its snippets in a JVM of its own, whose main class comes from the class path
    for (Jvm tool : List.of(Jvm.java().tool("java", "-version"), Jvm.java().tool("jps"),
        Jvm.java().tool("jcmd", "-l"), Jvm.java().tool("javac", "-version"), Jvm.java().tool("jshell"))) {
      Jvm.Result result = tool.env("JAVA_TOOL_OPTIONS", everyJvm).workDir(dir).run(CLI);
      assertThat(result.exitCode()).as(result.describe()).isZero();
      assertThat(result.heraldLines()).as("a JDK tool's JVM runs no agent; %s", result.describe()).isEmpty();
    }
    assertThat(dir.resolve("events.jsonl")).as("no plugin started").doesNotExist();

    // a program run from source is an application: Herald starts, but its plugins only for an event
    Jvm.Result program = Jvm.java().tool("java", source.toString()).env("JAVA_TOOL_OPTIONS", everyJvm)
        .workDir(dir).run(CLI);
    assertThat(program.exitCode()).as(program.describe()).isZero();
    assertThat(program.heraldLines()).as(program.describe()).anySatisfy(line -> assertThat(line)
        .contains("Herald started").contains("plugins not started (the JVM exited before any event wanted them)"));
    assertThat(dir.resolve("events.jsonl")).as("the recorder never started").doesNotExist();
  }

  private Jvm.Result attach(String pid, Path config) {
    return Jvm.java().jar(Artifacts.agentJar(), "attach", pid, config.toString())
        .env("SHAPES_SERVICE", "dev.herald.it.shapes.AccountService").workDir(dir).run(CLI);
  }
}
