package dev.herald.agent.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginFolderTest extends PluginTestSupport {

  @Test
  void startsPluginsInFileNameOrder() throws Exception {
    plugin("20-alpha.jar", "alpha");
    plugin("10-zeta.jar", "zeta");
    plugin("30-mid.jar", "mid");
    PluginManager manager = manager(Map.of());

    manager.startAll();

    assertThat(manager.started()).containsExactly("zeta", "alpha", "mid");
  }

  @Test
  void ignoresOtherFilesAndSubFolders() throws Exception {
    plugin("top.jar", "top");
    plugin("sub/inner.jar", "inner");
    Files.createDirectories(folder.resolve("folder.jar"));
    Files.writeString(folder.resolve("notes.txt"), "not a plugin");
    fixtures.scripted(folder.resolve("plugin.jar.bak"), "backup");
    PluginManager manager = manager(Map.of());

    manager.startAll();

    assertThat(manager.started()).containsExactly("top");
    assertThat(logs.at(Level.ERROR)).isEmpty();
  }

  @Test
  void skipsASymbolicLinkLeadingOutOfTheFolder() throws Exception {
    Path outside = fixtures.scripted(root.resolve("elsewhere/evil.jar"), "evil");
    Files.createDirectories(folder);
    link(folder.resolve("evil.jar"), outside);
    PluginManager manager = manager(Map.of());

    manager.startAll();

    assertThat(manager.started()).isEmpty();
    assertThat(logs.at(Level.WARN)).singleElement().asString()
        .startsWith("plugins/evil.jar is a symbolic link to " + outside.toRealPath() + ", outside the plugin folder")
        .endsWith("; skipped: only jars inside the plugin folder are loaded");
  }

  @Test
  void followsASymbolicLinkThatStaysInsideTheFolder() throws Exception {
    Path inside = plugin("versions/audit-1.2.jar", "audit");
    link(folder.resolve("audit.jar"), inside);
    PluginManager manager = manager(Map.of());

    manager.startAll();

    assertThat(manager.started()).containsExactly("audit");
    assertThat(logs.at(Level.INFO)).contains("plugin 'audit' started from plugins/audit.jar (0 subscriptions)");
  }

  @Test
  void warnsWhenOthersMayWriteToTheFolder() throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
    plugin("audit.jar", "audit");
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));

    manager(Map.of()).startAll();

    assertThat(logs.at(Level.WARN)).singleElement().asString()
        .startsWith("plugin folder " + folder + " is writable by group and others (rwxrwxrwx)");
  }

  @Test
  void theFolderWarningTellsWhatToDoWhereTheModeCannotBeChanged() throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
    plugin("audit.jar", "audit");
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));

    manager(Map.of()).startAll();

    assertThat(logs.at(Level.WARN)).singleElement().asString()
        .endsWith("Make it writable by its owner only; where its mode cannot be changed (a Kubernetes emptyDir"
            + " with fsGroup), put the jars in a subfolder writable by its owner only (0755) and point"
            + " plugins.path at it.");
  }

  @Test
  void nobodyWritesAFileThatIsReadOnlyForAllWhateverItsMode() {
    // a ConfigMap or Secret volume: its root may show rwxrwxrwx
    assertThat(PluginFolder.writableByOthers(PosixFilePermissions.fromString("rwxrwxrwx"), () -> true)).isNull();
    assertThat(PluginFolder.writableByOthers(PosixFilePermissions.fromString("rwxrwxrwx"), () -> false))
        .isEqualTo("group and others (rwxrwxrwx)");
    assertThat(PluginFolder.writableByOthers(PosixFilePermissions.fromString("rw-rw-r--"), () -> false))
        .isEqualTo("group (rw-rw-r--)");
    assertThat(PluginFolder.writableByOthers(PosixFilePermissions.fromString("rwxr-xr-x"), () -> {
      throw new AssertionError("a mode that lets only the owner write needs no look at the mount");
    })).isNull();
  }

  @Test
  void nobodyWritesAFolderOfAReadOnlyFileSystemOrOfAKubernetesVolume() throws Exception {
    Path where = Path.of("plugins");
    IOException readOnlyMount = new FileSystemException(where.toString(), null, "Read-only file system");
    assertThat(PluginFolder.readOnly(true, false, null)).as("a file system mounted read-only").isTrue();
    assertThat(PluginFolder.readOnly(false, true, readOnlyMount)).as("a ConfigMap volume, mounted read-only")
        .isTrue();
    assertThat(PluginFolder.readOnly(false, false, readOnlyMount)).as("a read-only bind mount of a folder others"
        + " write where it is mounted read-write: its mode tells").isFalse();
    assertThat(PluginFolder.readOnly(false, true, null)).as("the layout made by whoever may write the folder, which"
        + " this JVM may write too").isFalse();
    assertThat(PluginFolder.readOnly(false, true, new AccessDeniedException(where.toString())))
        .as("refused to this user only: others may write").isFalse();

    // as the kubelet lays out a ConfigMap volume: the files are links into ..data, a link to the
    // current ..<timestamp> folder
    Path volume = Files.createDirectories(folder.resolveSibling("configmap"));
    Path current = Files.createDirectories(volume.resolve("..2026_11_29_10_00_00.123456789"));
    Files.writeString(current.resolve("audit.jar"), "not a jar");
    Files.createSymbolicLink(volume.resolve("..data"), current.getFileName());
    Files.createSymbolicLink(volume.resolve("audit.jar"), Path.of("..data", "audit.jar"));
    assertThat(PluginFolder.kubeletVolume(volume)).isTrue();
    assertThat(PluginFolder.kubeletVolume(volume.resolve("audit.jar"))).isTrue();
    assertThat(PluginFolder.kubeletVolume(folder)).as("a folder of its own").isFalse();
    assertThat(PluginFolder.kubeletVolume(current)).as("a folder without ..data").isFalse();
    Path spoofed = Files.createDirectories(folder.resolveSibling("spoofed"));
    Files.createSymbolicLink(spoofed.resolve("..data"), Path.of("/nonexistent"));
    assertThat(PluginFolder.kubeletVolume(spoofed)).as("..data not to a ..<timestamp> folder beside it").isFalse();
  }

  @Test
  void aKubernetesLikeLayoutInAFolderThisJvmMayWriteKeepsTheWarn() throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
    // whoever may write the folder may lay it out as the kubelet does, to silence the WARN
    Path current = Files.createDirectories(folder.resolve("..2026_11_29_10_00_00.1"));
    Files.createSymbolicLink(folder.resolve("..data"), current.getFileName());
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThat(PluginFolder.writableByOthers(folder)).isEqualTo("group and others (rwxrwxrwx)");
  }

  @Test
  void warnsWhenOthersMayWriteAPluginJarInAFolderOnlyItsOwnerMayWrite() throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
    Path jar = plugin("audit.jar", "audit");
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-rw-rw-"));
    PluginManager manager = manager(Map.of());

    manager.startAll();

    assertThat(manager.started()).as("warned, not refused").containsExactly("audit");
    assertThat(logs.at(Level.WARN)).singleElement().asString()
        .startsWith("plugin plugins/audit.jar is writable by group and others (rw-rw-rw-)");
  }

  @Test
  void saysNothingAboutAFolderOnlyItsOwnerMayWrite() throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
    plugin("audit.jar", "audit");
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));

    manager(Map.of()).startAll();

    assertThat(logs.at(Level.WARN)).isEmpty();
  }

  @Test
  void warnsAboutAMissingFolder() {
    PluginManager manager = manager(Map.of());

    manager.startAll();

    assertThat(manager.started()).isEmpty();
    assertThat(logs.at(Level.WARN)).containsExactly(
        "plugin folder " + folder + " does not exist or is not a folder; no plugins loaded");
  }

  private static void link(Path link, Path target) throws IOException {
    try {
      Files.createSymbolicLink(link, target);
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "symbolic links are not supported here: " + e);
    }
  }
}
