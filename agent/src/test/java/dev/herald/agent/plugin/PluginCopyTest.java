package dev.herald.agent.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin jar's private copy keeps its digest through deletion, for a reload to compare against,
 * except once its manager has stopped for good, when no reload can come.
 */
class PluginCopyTest {

  @TempDir
  Path dir;

  @Test
  void aDeletedCopyKeepsTheDigestOfWhatItHeld() throws Exception {
    Path jar = Files.write(dir.resolve("audit.jar"), "some plugin bytes".getBytes());
    PluginCopy copy = PluginCopy.of(jar, "audit.jar");

    copy.delete();

    assertThat(copy.file()).doesNotExist();
    assertThat(copy.digest()).isEqualTo(sha256(jar));
  }

  @Test
  void aCopyDeletedAfterItsLastUseIsNotHashed() throws Exception {
    Path jar = Files.write(dir.resolve("audit.jar"), "some plugin bytes".getBytes());
    PluginCopy copy = PluginCopy.of(jar, "audit.jar");

    copy.lastUse();
    copy.delete();

    assertThat(copy.file()).doesNotExist();
    assertThat(copy.digest()).as("hashed only now, from a copy that is gone").startsWith("unreadable copy");
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
