package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reload: true}: the recorder plugin's jar is copied into the plugin folder, overwritten
 * with another build, and deleted while the shapes app runs; the agent starts, restarts and stops
 * the plugin, and the app sees it by what the recorder writes and by the bus's subscriptions.
 */
class PluginReloadIT {

  @TempDir Path dir;

  @Test
  void startsRestartsAndStopsAPluginAsItsJarComesChangesAndGoes() throws IOException {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path version2 = Files.createDirectories(dir.resolve("version-2"));
    Files.writeString(version2.resolve("version.txt"), "2");
    Path jar2 = TestPlugins.merge(dir.resolve("recorder-2.jar"), Artifacts.recorderPlugin(), version2);
    Path config = Files.writeString(dir.resolve("herald.yaml"), """
        reload: true
        reload-interval: 200ms
        services:
          - class: dev.herald.it.shapes.AccountService
            entity: account
        plugins:
          path: plugins/
          config:
            recorder: { file: events.jsonl, delay-millis: 5 }
        """);

    Jvm.Result result = Jvm.java().agent(config).jar(Artifacts.shapesApp(), "reload-plugins").workDir(dir)
        .jvmArg("-Djava.io.tmpdir=" + tmp)
        .jvmArg("-Dshapes.pluginFolder=" + plugins)
        .jvmArg("-Dshapes.pluginJar=" + Artifacts.recorderPlugin())
        .jvmArg("-Dshapes.pluginJar2=" + jar2)
        .jvmArg("-Dshapes.recording=" + dir.resolve("events.jsonl"))
        .run(Timeouts.RUN);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(Integer.parseInt(result.value("plugins-calls-until-recorded")))
        .as("a jar added while running is started; %s", result.describe()).isPositive();
    assertThat(result.value("plugins-restarted-within-wait"))
        .as("restarted once its jar was overwritten; %s", result.describe()).isEqualTo("true");
    assertThat(Integer.parseInt(result.value("plugins-calls-until-recorded-after-replace")))
        .as("the new one records; %s", result.describe()).isPositive();
    assertThat(result.value("plugins-jmx-stop")).as(result.describe()).startsWith("ok: ");
    assertThat(result.value("plugins-jmx-stopped-gone")).as("JMX stopPlugin closed its subscriptions; %s",
        result.describe()).isEqualTo("true");
    assertThat(result.value("plugins-jmx-list")).as(result.describe()).contains("recorder").contains("stopped");
    assertThat(result.value("plugins-jmx-start")).as(result.describe()).startsWith("ok: ");
    assertThat(Integer.parseInt(result.value("plugins-jmx-calls-until-recorded")))
        .as("JMX startPlugin started it again; %s", result.describe()).isPositive();
    assertThat(result.value("plugins-jmx-unknown")).as(result.describe())
        .startsWith("refused: ").contains("nobody").contains("recorder");
    assertThat(Long.parseLong(result.value("plugins-backlog-queued"))).as("a backlog at the restart; %s",
        result.describe()).isPositive();
    assertThat(result.value("plugins-jmx-restart")).as(result.describe()).startsWith("ok: ");
    assertThat(result.value("plugins-backlog-recorded")).as("the old instance recorded its backlog before its"
        + " stop() closed its file: before and after of each call; %s", result.describe()).isEqualTo("100");
    assertThat(result.value("plugins-removed-within-wait")).as(result.describe()).isEqualTo("true");
    assertThat(result.value("plugins-recorded-after-removal")).as(result.describe()).isEqualTo("0");
    assertThat(result.heraldLines("INFO")).as(result.describe())
        .anySatisfy(line -> assertThat(line).contains("plugin 'recorder' started from plugins/recorder.jar"))
        .anySatisfy(line -> assertThat(line)
            .contains("plugin 'recorder' restarted from plugins/recorder.jar, which was replaced"))
        .anySatisfy(line -> assertThat(line).contains("plugin 'recorder' stopped (plugins/recorder.jar removed)"));
    assertThat(result.heraldLines("ERROR")).as("no half-written jar was loaded; %s", result.describe()).isEmpty();
    assertThat(result.heraldLines("WARN")).as("nothing dropped or failed at the restart; %s", result.describe())
        .noneSatisfy(line -> assertThat(line).containsAnyOf("dropped", "threw", "not delivered"));
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("herald-plugin-")))
          .as("the private copies of the jars are deleted").isEmpty();
    }
  }
}
