package dev.herald.agent.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
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
  void aCopyThatCannotBeWrittenIsTheTemporaryFoldersProblemNotTheJars() throws Exception {
    Path source = Files.write(dir.resolve("audit.jar"), new byte[] {1, 2, 3, 4});
    Path temp = Files.createDirectories(dir.resolve("tmp"));

    // the copy's folder has no 'gone' in it: creating the copy fails, as in a full or vanished folder
    Throwable thrown = withTemporaryFolder(temp, () -> PluginCopy.of(source, "gone/audit.jar"));

    assertThat(thrown).isInstanceOf(PluginCopy.NoPrivateCopy.class)
        .hasMessageStartingWith("cannot make its private copy under java.io.tmpdir (" + temp
            + "): java.nio.file.NoSuchFileException: ")
        .hasMessageEndingWith("; it needs 4 bytes there (the jar's size); give the JVM a writable temporary folder"
            + " with room for it, -Djava.io.tmpdir=...");
    assertThat(temp).as("the copy's folder is deleted").isEmptyDirectory();
  }

  @Test
  void aFullTemporaryFolderIsSaidToBeFull() throws Exception {
    Path full = Path.of("/dev/full"); // every write fails with ENOSPC, as in a full file system
    assumeTrue(Files.isWritable(full), "/dev/full");
    IOException failure;
    try (OutputStream out = new FileOutputStream(full.toFile())) {
      failure = catchThrowableOfType(
          () -> PluginCopy.transfer(new ByteArrayInputStream(new byte[100]), out), PluginCopy.NotWritten.class);
    }
    assertThat(failure).as("a write that failed").isNotNull();

    assertThat(new PluginCopy.NoPrivateCopy(failure.getCause(), 2_000_000, -1).getMessage())
        .isEqualTo("cannot make its private copy under java.io.tmpdir (" + System.getProperty("java.io.tmpdir")
            + "): the folder is full (java.io.IOException: No space left on device); it needs 2000000 bytes there"
            + " (the jar's size); free some space there or give the JVM a temporary folder with room for it,"
            + " -Djava.io.tmpdir=...");
    assertThat(new PluginCopy.NoPrivateCopy(new IOException("Disk quota exceeded"), 2_000_000, 1_000).getMessage())
        .as("too little room left, whatever the reason's words")
        .contains("): the folder is full (java.io.IOException: Disk quota exceeded); it needs 2000000 bytes there"
            + " (the jar's size), 1000 bytes are free; free some space");
  }

  @Test
  void aJarThatCannotBeReadIsNotTheTemporaryFoldersProblem() throws Exception {
    Path notReadable = Path.of("/proc/self/mem"); // opens, then read() fails (EIO), even for root
    assumeTrue(Files.isReadable(notReadable), "/proc/self/mem");
    Path temp = Files.createDirectories(dir.resolve("tmp"));

    Throwable thrown = withTemporaryFolder(temp, () -> PluginCopy.of(notReadable, "audit.jar"));

    assertThat(thrown).isInstanceOf(IOException.class).isNotInstanceOf(PluginCopy.NoPrivateCopy.class);
    assertThat(temp).as("the copy's folder is deleted").isEmptyDirectory();
  }

  /** What {@code copy} throws with {@code java.io.tmpdir} set to {@code temp}; null if nothing. */
  private static Throwable withTemporaryFolder(Path temp, ThrowingCallable copy) {
    String tmpdir = System.getProperty("java.io.tmpdir");
    System.setProperty("java.io.tmpdir", temp.toString());
    try {
      return catchThrowable(copy);
    } finally {
      System.setProperty("java.io.tmpdir", tmpdir);
    }
  }

  @Test
  void deletesTheCopiesOfKilledJvmsAndLeavesThoseOfLiveOnesAndOthers() throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    // a JVM killed with -9 two minutes ago: its folder and its lock file stay, nobody holds the lock
    Path orphan = folder(temp, "herald-plugin-orphan", "rwx------", 120);
    Files.write(orphan.resolve(".lock"), new byte[0]);
    Files.write(orphan.resolve("audit-log-plugin.jar"), new byte[] {1, 2, 3});
    // an older version's folder, without a lock file: whose it is cannot be told
    Path older = folder(temp, "herald-plugin-older", "rwx------", 120);
    Files.write(older.resolve("slack-plugin.jar"), new byte[] {4});
    // readable by others: not made by Herald, and could be swapped for a link while swept
    Path open = folder(temp, "herald-plugin-open", "rwxrwxrwx", 120);
    Files.write(open.resolve(".lock"), new byte[0]);
    // made a moment ago: a JVM may be about to lock it
    Path fresh = folder(temp, "herald-plugin-fresh", "rwx------", 0);
    Files.write(fresh.resolve(".lock"), new byte[0]);
    for (Path made : new Path[] {orphan, older, open}) { // writing in a folder makes it new again
      Files.setLastModifiedTime(made, FileTime.fromMillis(System.currentTimeMillis() - 120_000));
    }
    String tmpdir = System.getProperty("java.io.tmpdir");
    System.setProperty("java.io.tmpdir", temp.toString());
    PluginCopy live;
    try {
      live = PluginCopy.of(Files.write(dir.resolve("a.jar"), new byte[] {5}), "a.jar"); // this JVM's
    } finally {
      System.setProperty("java.io.tmpdir", tmpdir);
    }
    try {
      Files.setLastModifiedTime(live.file().getParent(), FileTime.fromMillis(System.currentTimeMillis() - 120_000));
      // the first copy of a JVM sweeps; once per JVM, so again here
      PluginCopy.sweepOrphans(temp, Files.getOwner(temp));

      assertThat(orphan).doesNotExist();
      assertThat(older.resolve("slack-plugin.jar")).exists();
      assertThat(open.resolve(".lock")).exists();
      assertThat(fresh.resolve(".lock")).exists();
      assertThat(live.file()).as("the lock of a live JVM is held").exists();
    } finally {
      live.delete();
    }
    assertThat(live.file().getParent()).as("a copy deleted normally takes its lock file along").doesNotExist();
  }

  private static Path folder(Path temp, String name, String permissions, int ageSeconds) throws Exception {
    Path folder = Files.createDirectories(temp.resolve(name));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(permissions));
    Files.setLastModifiedTime(folder, FileTime.fromMillis(System.currentTimeMillis() - ageSeconds * 1000L));
    return folder;
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
