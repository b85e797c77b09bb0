package dev.herald.agent.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.herald.api.HeraldPlugin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PluginJarProblemsTest extends PluginTestSupport {

  @Test
  void skipsAFileThatIsNotAZipAndLoadsTheRest() throws Exception {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("a-broken.jar"), "this is not a zip file");
    plugin("b-good.jar", "good");
    PluginManager manager = manager(Map.of());

    manager.startAll();

    assertThat(manager.started()).containsExactly("good");
    assertThat(logs.at(Level.ERROR)).singleElement().asString()
        .startsWith("plugins/a-broken.jar is not a jar file (")
        .endsWith("); skipped");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev/herald/api/HeraldPlugin.class", "META-INF/versions/17/dev/herald/api/Event.class"})
  void refusesAJarThatBundlesTheApi(String entry) throws Exception {
    byte[] apiClass = HeraldPlugin.class.getResourceAsStream("HeraldPlugin.class").readAllBytes();
    fixtures.jar().pluginName("sneaky").service(PluginFixtures.SCRIPTED).entry(entry, apiClass)
        .writeTo(folder.resolve("sneaky.jar"));
    PluginManager manager = manager(Map.of());

    manager.startAll();

    assertThat(manager.started()).isEmpty();
    assertThat(bus.published("plugin.after.start")).as("nothing of the jar ran").isEmpty();
    assertThat(logs.at(Level.ERROR)).containsExactly("plugins/sneaky.jar bundles its own copy of the Herald"
        + " API (" + entry + "); build it with herald-api in 'provided' scope. Skipped.");
  }

  @Test
  void refusesAJarWhosePluginClassIsForANewerJavaAndWarnsOfAnyOtherClass() throws Exception {
    int newer = Runtime.version().feature() + 1;
    // the plugin class itself: it cannot start
    fixtures.jar().pluginName("newer").service("fixture.lib.NewerPlugin")
        .entry("fixture/lib/NewerPlugin.class", classFileFor(newer))
        .writeTo(folder.resolve("a-newer.jar"));
    // a helper: it would fail when an event first uses it, or never, if a library loads it only on a newer Java
    fixtures.jar().pluginName("lazy").service(PluginFixtures.SCRIPTED)
        .entry("fixture/lib/Helper.class", classFileFor(newer))
        .writeTo(folder.resolve("b-lazy.jar"));
    // a multi-release jar's classes for newer Javas are not this JVM's to load
    fixtures.jar().pluginName("multi").service(PluginFixtures.SCRIPTED)
        .entry("META-INF/versions/" + newer + "/fixture/lib/Helper.class", classFileFor(newer))
        .writeTo(folder.resolve("c-multi.jar"));
    PluginManager manager = manager(Map.of());

    manager.startAll();

    assertThat(manager.started()).containsExactly("lazy", "multi");
    int runtime = Runtime.version().feature();
    assertThat(logs.at(Level.ERROR)).containsExactly("plugins/a-newer.jar holds fixture/lib/NewerPlugin.class,"
        + " compiled for Java " + newer + " (class file version " + (newer + 44) + "), newer than this Java " + runtime
        + ", which cannot load it (UnsupportedClassVersionError when it is first loaded); build the plugin"
        + " for Java " + runtime + " or older (javac --release " + runtime + ", and its bundled libraries too),"
        + " or run on Java " + newer + " or newer. Skipped.");
    assertThat(logs.at(Level.WARN)).singleElement().asString().startsWith("plugins/b-lazy.jar holds"
        + " fixture/lib/Helper.class, compiled for Java " + newer + " (class file version " + (newer + 44)
        + "), newer than this Java " + runtime + ": if the plugin loads it, that fails");
  }

  /** A real class file, its major version set to that of Java {@code feature}, as javac --release would. */
  static byte[] classFileFor(int feature) throws Exception {
    byte[] bytes = PluginJarProblemsTest.class.getResourceAsStream("PluginJarProblemsTest.class").readAllBytes();
    bytes[6] = (byte) ((feature + 44) >> 8);
    bytes[7] = (byte) (feature + 44);
    return bytes;
  }

  @Test
  void skipsAServiceEntryNamingAMissingClassAndKeepsTheOthers() throws Exception {
    fixtures.jar().pluginName("survivor").service("fixture.Missing").service(PluginFixtures.SCRIPTED)
        .writeTo(folder.resolve("mixed.jar"));
    PluginManager manager = manager(Map.of());

    manager.startAll();

    assertThat(manager.started()).containsExactly("survivor");
    assertThat(logs.at(Level.ERROR)).containsExactly(
        "plugins/mixed.jar: cannot create a plugin: Provider fixture.Missing not found; skipped");
  }

  @Test
  void skipsAPluginWhoseConstructorThrows() throws Exception {
    fixtures.jar().service(PluginFixtures.BROKEN).writeTo(folder.resolve("a-broken.jar"));
    plugin("b-good.jar", "good");
    PluginManager manager = manager(Map.of());

    manager.startAll();

    assertThat(manager.started()).containsExactly("good");
    assertThat(logs.at(Level.ERROR)).singleElement().asString()
        .startsWith("plugins/a-broken.jar: cannot create a plugin: Provider fixture.BrokenPlugin could not be"
            + " instantiated")
        .contains("IllegalStateException: no database here");
  }

  @Test
  void warnsAboutAJarWithoutAServiceFile() throws Exception {
    fixtures.jar().pluginName("lost").writeTo(folder.resolve("library.jar"));
    PluginManager manager = manager(Map.of());

    manager.startAll();

    assertThat(manager.started()).isEmpty();
    assertThat(logs.at(Level.WARN)).containsExactly("plugins/library.jar contains no Herald plugin: it has no"
        + " META-INF/services/dev.herald.api.HeraldPlugin file; skipped");
  }

  @Test
  void saysThatAModuleInfoDoesNotDeclareAPlugin() throws Exception {
    // a plugin written as a named module, 'provides dev.herald.api.HeraldPlugin with ...' only
    fixtures.jar().pluginName("modular").entry("module-info.class", new byte[] {(byte) 0xCA, (byte) 0xFE})
        .writeTo(folder.resolve("modular.jar"));
    PluginManager manager = manager(Map.of());

    manager.startAll();

    assertThat(manager.started()).isEmpty();
    assertThat(logs.at(Level.WARN)).singleElement().asString().startsWith("plugins/modular.jar contains no Herald"
        + " plugin: it has no META-INF/services/dev.herald.api.HeraldPlugin file (its module-info is not read:"
        + " plugins load as class-path jars, so 'provides' in it does not declare the plugin; add the file too)");
  }

  @Test
  void ignoresCommentsAndBlankLinesInTheServiceFile() throws Exception {
    fixtures.jar().pluginName("commented")
        .entry("META-INF/services/dev.herald.api.HeraldPlugin",
            "# our plugin\n\n  fixture.ScriptedPlugin  # the one\n".getBytes(StandardCharsets.UTF_8))
        .writeTo(folder.resolve("commented.jar"));
    PluginManager manager = manager(Map.of());

    manager.startAll();

    assertThat(manager.started()).containsExactly("commented");
    assertThat(logs.at(Level.ERROR)).isEmpty();
  }
}
