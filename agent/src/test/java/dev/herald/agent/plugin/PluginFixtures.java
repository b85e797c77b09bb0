package dev.herald.agent.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.api.HeraldPlugin;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Real plugin jars, built at test time: the plugin sources of {@link FixtureSources} are compiled
 * against the herald-api classes with the JDK's compiler, then packed into jars with a {@code
 * META-INF/services} file, as a plugin author's build would.
 *
 * <p>{@code fixture.ScriptedPlugin} takes its name from the jar's {@code plugin-name.txt} and its
 * behaviour from its config, so that one compiled class serves every test; {@code
 * fixture.BrokenPlugin}'s constructor throws.
 */
final class PluginFixtures {

  static final String SCRIPTED = "fixture.ScriptedPlugin";
  static final String BROKEN = "fixture.BrokenPlugin";

  private final Path classes;

  private PluginFixtures(Path classes) {
    this.classes = classes;
  }

  /** Compiles the fixture plugins into {@code dir}. */
  static PluginFixtures compile(Path dir) throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac).as("a JDK compiler (tests must run on a JDK)").isNotNull();
    List<JavaFileObject> units = new ArrayList<>();
    for (Map.Entry<String, String> fixture : FixtureSources.ALL.entrySet()) {
      String name = fixture.getKey();
      String source = fixture.getValue();
      units.add(new SimpleJavaFileObject(URI.create("string:///fixture/" + name + ".java"),
          JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return source;
        }
      });
    }
    StringWriter output = new StringWriter();
    List<String> options = List.of("--release", "17", "-proc:none", "-d", dir.toString(),
        "-classpath", apiLocation().toString());
    boolean compiled = javac.getTask(output, null, null, options, null, units).call();
    assertThat(compiled).as("fixture plugins compile: %s", output).isTrue();
    return new PluginFixtures(dir);
  }

  /** Where the herald-api classes are: a jar in ~/.m2 or a reactor's classes folder. */
  static Path apiLocation() throws Exception {
    return Path.of(HeraldPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** Writes a jar of {@link #SCRIPTED} named {@code pluginName} to {@code file}. */
  Path scripted(Path file, String pluginName) throws IOException {
    return jar().pluginName(pluginName).service(SCRIPTED).writeTo(file);
  }

  JarBuilder jar() {
    return new JarBuilder();
  }

  /** A plugin jar with all fixture classes, the given service lines and extra entries. */
  final class JarBuilder {
    private final List<String> services = new ArrayList<>();
    private final Map<String, byte[]> extra = new LinkedHashMap<>();

    JarBuilder pluginName(String name) {
      return entry("plugin-name.txt", name.getBytes(StandardCharsets.UTF_8));
    }

    JarBuilder service(String line) {
      services.add(line);
      return this;
    }

    JarBuilder entry(String name, byte[] bytes) {
      extra.put(name, bytes);
      return this;
    }

    Path writeTo(Path file) throws IOException {
      Files.createDirectories(file.getParent());
      Manifest manifest = new Manifest();
      manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
      try (OutputStream out = Files.newOutputStream(file);
          JarOutputStream jar = new JarOutputStream(out, manifest);
          Stream<Path> compiled = Files.walk(classes)) {
        for (Path path : compiled.filter(Files::isRegularFile).sorted().toList()) {
          put(jar, classes.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
        }
        if (!services.isEmpty()) {
          put(jar, "META-INF/services/" + HeraldPlugin.class.getName(),
              (String.join("\n", services) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        for (Map.Entry<String, byte[]> entry : extra.entrySet()) {
          put(jar, entry.getKey(), entry.getValue());
        }
      }
      return file;
    }

    private void put(JarOutputStream jar, String name, byte[] bytes) throws IOException {
      jar.putNextEntry(new JarEntry(name));
      jar.write(bytes);
      jar.closeEntry();
    }
  }
}
