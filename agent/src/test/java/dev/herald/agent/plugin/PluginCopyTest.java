package dev.herald.agent.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginCopyTest {

  @TempDir
  Path dir;

  @Test
  void copiesTheJarIntoAFolderOfItsOwnUnderTheTemporaryFolder() throws Exception {
    Path source = Files.write(dir.resolve("audit.jar"), new byte[] {1, 2, 3, 4});

    PluginCopy copy = PluginCopy.of(source, "audit.jar");
    try {
      assertThat(copy.file()).hasFileName("audit.jar").hasBinaryContent(new byte[] {1, 2, 3, 4});
      assertThat(copy.file().getParent().getFileName().toString()).startsWith("herald-plugin-");
      assertThat(copy.file().getParent().getParent())
          .isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
    } finally {
      copy.delete();
    }
  }

  @Test
  void onlyItsUserCanOpenTheCopysFolder() throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    PluginCopy copy = PluginCopy.of(Files.write(dir.resolve("a.jar"), new byte[] {1}), "a.jar");
    try {
      assertThat(PosixFilePermissions.toString(
          Files.getPosixFilePermissions(copy.file().getParent()))).isEqualTo("rwx------");
    } finally {
      copy.delete();
    }
  }

  @Test
  void copiesOfOneJarTakenAtOnceGetFoldersOfTheirOwnAndEqualDigests() throws Exception {
    Path source = Files.write(dir.resolve("a.jar"), new byte[] {9, 8, 7});

    PluginCopy first = PluginCopy.of(source, "a.jar");
    PluginCopy second = PluginCopy.of(source, "a.jar");
    try {
      assertThat(first.file().getParent()).isNotEqualTo(second.file().getParent());
      assertThat(first.digest()).isEqualTo(second.digest()).hasSize(64);
    } finally {
      first.delete();
      second.delete();
    }
  }

  @Test
  void deleteRemovesTheCopyAndItsFolder() throws Exception {
    PluginCopy copy = PluginCopy.of(Files.write(dir.resolve("a.jar"), new byte[] {1}), "a.jar");

    copy.delete();

    assertThat(copy.file()).doesNotExist();
    assertThat(copy.file().getParent()).doesNotExist();
  }

  @Test
  void aDeletedCopyKeepsTheDigestOfWhatItHeldForAReloadToCompare() throws Exception {
    Path source = Files.write(dir.resolve("a.jar"), new byte[] {5, 6, 7});
    PluginCopy copy = PluginCopy.of(source, "a.jar");

    copy.delete();

    assertThat(copy.file()).doesNotExist();
    assertThat(copy.digest())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(source))));
  }

  @Test
  void aCopyDeletedAfterItsLastUseIsNotHashed() throws Exception {
    PluginCopy copy = PluginCopy.of(Files.write(dir.resolve("a.jar"), new byte[] {5, 6, 7}), "a.jar");

    copy.lastUse();
    copy.delete();

    assertThat(copy.file()).doesNotExist();
    assertThat(copy.digest()).as("hashed only now, from a copy that is gone").startsWith("unreadable copy");
  }
}
