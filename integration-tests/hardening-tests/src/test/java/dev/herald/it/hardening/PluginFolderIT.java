package dev.herald.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Point 11, the plugin folder: only {@code *.jar} files directly in the configured folder load; a
 * symbolic link out of it is not followed (and is reported); a folder writable by other users is
 * warned about, one writable by its owner only is not.
 */
class PluginFolderIT {

  private static final String CONFIG = """
      services:
        - { class: dev.herald.it.hardening.app.AccountService, entity: account }
      plugins:
        path: plugins
      """;

  @TempDir Path dir;

  @Test
  void loadsOnlyJarsDirectlyInTheFolderAndNeverFollowsALinkOutOfIt() throws Exception {
    Path build = Files.createDirectories(dir.resolve("build"));
    Path plugins = dir.resolve("app/plugins");
    HostilePlugins.namedJar(build, plugins, "good.jar", "good");
    HostilePlugins.namedJar(build, plugins.resolve("sub"), "nested.jar", "nested");
    HostilePlugins.namedJar(build, plugins, "disabled.jar.off", "disabled");
    HostilePlugins.namedJar(build, plugins, "zipped.zip", "zipped");
    Path outside = HostilePlugins.namedJar(build, dir.resolve("outside"), "outside.jar", "outside");
    Files.createSymbolicLink(plugins.resolve("linked-out.jar"), outside);
    Files.createDirectories(plugins.resolve("folder.jar"));
    Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path config = Sources.write(dir.resolve("app/herald.yaml"), CONFIG);

    JvmResult run = Jvm.java().agent(config).probe("plugins").workDir(config.getParent()).run(Timeouts.RUN);

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdoutLines()).as(run.describe()).contains("good-plugin started", "APP DONE")
        .doesNotContain("nested-plugin started", "disabled-plugin started", "zipped-plugin started",
            "outside-plugin started");
    assertThat(run.heraldLines("WARN")).as(run.describe())
        .filteredOn(line -> line.contains("linked-out.jar"))
        .singleElement().asString().contains("outside the plugin folder");
    assertThat(run.heraldLines()).as("an owner-only folder is not warned about; %s", run.describe())
        .noneMatch(line -> line.contains("writable"));
  }

  @Test
  void warnsAboutAPluginFolderWritableByOthers() throws Exception {
    Path build = Files.createDirectories(dir.resolve("build"));
    Path plugins = dir.resolve("app/plugins");
    HostilePlugins.namedJar(build, plugins, "good.jar", "good");
    Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path config = Sources.write(dir.resolve("app/herald.yaml"), CONFIG);

    JvmResult run = Jvm.java().agent(config).probe("plugins").workDir(config.getParent()).run(Timeouts.RUN);

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.heraldLines("WARN")).as(run.describe())
        .filteredOn(line -> line.contains("writable"))
        .singleElement().asString().contains(plugins.toString()).contains("others");
    assertThat(run.stdoutLines()).as("a warning, not a refusal; %s", run.describe()).contains("good-plugin started");
  }
}
