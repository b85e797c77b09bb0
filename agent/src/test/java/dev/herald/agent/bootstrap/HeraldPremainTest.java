package dev.herald.agent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How premain finds the jar the bootstrap loader took it from: among the files this JVM has mapped
 * (Linux), as the JVM maps the jars of the bootstrap class path. A file mapped here stands in for
 * them.
 */
class HeraldPremainTest {

  @TempDir
  Path dir;

  // held so that the mappings last as long as the test
  private final List<MappedByteBuffer> mapped = new ArrayList<>();

  @BeforeEach
  void needsProc() {
    assumeTrue(new File("/proc/self/maps").canRead(), "no /proc: premain asks for its class as a resource instead");
  }

  @Test
  void findsTheOneMappedFileNamedAfterTheBootClassPathEntry() throws IOException {
    assumeTrue(HeraldPremain.bootJarAsMapped() == null, "this JVM runs with a Herald agent already");
    Path jar = map(dir.resolve("agents with spaces").resolve("herald-agent.jar"));
    map(dir.resolve("other.jar"));

    assertThat(HeraldPremain.bootJarAsMapped()).isEqualTo(jar.toFile());
  }

  @Test
  void findsNothingWhenTwoDifferentJarsOfThatNameAreMapped() throws IOException {
    map(dir.resolve("a").resolve("herald-agent.jar"));
    map(dir.resolve("b").resolve("herald-agent.jar"));

    assertThat(HeraldPremain.bootJarAsMapped()).isNull();
  }

  @Test
  void aFailedStartNamesItsRootCause() {
    // a security manager refusing a property read in a static initialiser
    Throwable failure = new ExceptionInInitializerError(new IllegalStateException("logging",
        new SecurityException("access denied (\"java.util.PropertyPermission\" \"herald.log.level\" \"read\")")));

    assertThat(HeraldPremain.withRootCause(failure)).isEqualTo("java.lang.ExceptionInInitializerError, caused by"
        + " java.lang.SecurityException: access denied (\"java.util.PropertyPermission\" \"herald.log.level\" \"read\")");
    assertThat(HeraldPremain.withRootCause(new IllegalStateException("alone")))
        .isEqualTo("java.lang.IllegalStateException: alone");
  }

  @Test
  void aMainModuleIsAToolOfTheJdkOnlyIfItComesFromTheRuntimeImage() {
    String before = System.getProperty("jdk.module.main");
    try {
      System.setProperty("jdk.module.main", "java.base"); // in every boot layer, from jrt:
      assertThat(HeraldPremain.runsJdkTool()).isTrue();
      System.setProperty("jdk.module.main", "jdk.myapp"); // an application may name its module so
      assertThat(HeraldPremain.runsJdkTool()).isFalse();
      System.setProperty("jdk.module.main", "com.acme.shop");
      assertThat(HeraldPremain.runsJdkTool()).isFalse();
    } finally {
      restore("jdk.module.main", before);
    }
  }

  @Test
  void aMainClassOfAJdkModuleRunFromTheClassPathIsATool() {
    String module = System.getProperty("jdk.module.main");
    String command = System.getProperty("sun.java.command");
    try {
      System.clearProperty("jdk.module.main");
      // jshell's remote execution JVM; java.base's own package stands in for jdk.jshell's, which a
      // class-path JVM's boot layer need not hold
      System.setProperty("sun.java.command", "sun.launcher.LauncherHelper 42861");
      assertThat(HeraldPremain.runsJdkTool()).isTrue();
      System.setProperty("sun.java.command", "sun.acme.Main"); // no JDK package
      assertThat(HeraldPremain.runsJdkTool()).isFalse();
      System.setProperty("sun.java.command", "com.acme.shop.Main --port 8080");
      assertThat(HeraldPremain.runsJdkTool()).isFalse();
      System.setProperty("sun.java.command", "/opt/app/app.jar");
      assertThat(HeraldPremain.runsJdkTool()).isFalse();
    } finally {
      restore("jdk.module.main", module);
      restore("sun.java.command", command);
    }
  }

  private static void restore(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }

  @Test
  void findsNothingWhenNoneIsMapped() {
    assertThat(HeraldPremain.bootJarAsMapped()).isNull();
  }

  private Path map(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[4096]);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      mapped.add(channel.map(FileChannel.MapMode.READ_ONLY, 0, 4096));
    }
    return file;
  }
}
