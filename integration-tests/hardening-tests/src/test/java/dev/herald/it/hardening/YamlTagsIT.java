package dev.herald.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.script.ScriptEngineManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Point 11, YAML loading: the classic SnakeYAML gadget ({@code !!javax.script.ScriptEngineManager}
 * over a {@code URLClassLoader}) is refused and nothing of it runs; any explicit global tag is
 * refused. The gadget points at a local jar whose script-engine factory writes a marker file when it
 * is created, so "nothing runs" is observable; the test first proves the gadget works when
 * constructed.
 */
class YamlTagsIT {

  private static final String FACTORY = "it.gadget.MarkerEngineFactory";

  @TempDir Path dir;

  @Test
  void scriptEngineManagerGadgetIsRefusedAndNeverConstructed() throws Exception {
    Path marker = dir.resolve("gadget-ran.txt");
    Path gadget = gadgetJar(marker);
    // the gadget is live: constructed, it writes the marker
    try (URLClassLoader loader = new URLClassLoader(new URL[] {gadget.toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      new ScriptEngineManager(loader);
    }
    assertThat(marker).as("the gadget works when constructed").exists();
    Files.delete(marker);
    Path config = Sources.write(dir.resolve("app/herald.yaml"), """
        services:
          - { class: dev.herald.it.hardening.app.AccountService, entity: account }
        plugins:
          config:
            gadget: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["%s"]]]]
        """.formatted(gadget.toUri()));

    JvmResult run = Jvm.java().agent(config).probe("config").workDir(config.getParent()).run(Timeouts.RUN);

    assertThat(marker).as("nothing of the gadget ran; %s", run.describe()).doesNotExist();
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdoutLines()).contains("APP DONE");
    assertThat(run.heraldLines("ERROR")).as(run.describe()).singleElement().asString()
        .contains(config + ":5:13: tag '!!javax.script.ScriptEngineManager' is not allowed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"!!str account", "!!binary YWNjb3VudA==", "!<tag:yaml.org,2002:str> account",
      "!!java.lang.String account", "!local account"})
  void anyExplicitTagIsRefused(String value) {
    Path config = Sources.write(dir.resolve("herald.yaml"),
        "services:\n  - class: " + ConfigCorpus.SERVICE + "\n    entity: " + value + "\n");

    JvmResult check = Jvm.java().agentCommand("check", config.toString()).run(Timeouts.RUN);

    assertThat(check.exitCode()).as(check.describe()).isEqualTo(2);
    assertThat(check.output()).as(check.describe()).contains(config + ":3:13: tag '").contains("is not allowed");
  }

  /** A jar with a ScriptEngineFactory whose creation writes {@code marker}. */
  private Path gadgetJar(Path marker) {
    String source = """
        package it.gadget;

        import java.util.List;
        import javax.script.ScriptEngine;
        import javax.script.ScriptEngineFactory;

        public final class MarkerEngineFactory implements ScriptEngineFactory {
          public MarkerEngineFactory() throws java.io.IOException {
            java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "constructed");
          }
          public String getEngineName() { return "marker"; }
          public String getEngineVersion() { return "1"; }
          public List<String> getExtensions() { return List.of(); }
          public List<String> getMimeTypes() { return List.of(); }
          public List<String> getNames() { return List.of("marker"); }
          public String getLanguageName() { return "marker"; }
          public String getLanguageVersion() { return "1"; }
          public Object getParameter(String key) { return null; }
          public String getMethodCallSyntax(String obj, String m, String... args) { return ""; }
          public String getOutputStatement(String toDisplay) { return ""; }
          public String getProgram(String... statements) { return ""; }
          public ScriptEngine getScriptEngine() { return null; }
        }
        """.formatted(marker.toString().replace("\\", "\\\\"));
    Path classes = Sources.compile(dir.resolve("gadget-classes"), Map.of(FACTORY, source));
    Sources.write(classes.resolve("META-INF/services/javax.script.ScriptEngineFactory"), FACTORY + "\n");
    return Sources.merge(dir.resolve("gadget.jar"), classes);
  }
}
