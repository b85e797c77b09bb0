package dev.herald.examples.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditFileTest {

  @TempDir
  Path dir;

  @Test
  void closesCleanlyAfterAnInterruptedThreadClosedItsChannel() throws Exception {
    Path path = dir.resolve("audit.jsonl");
    AuditFile file = new AuditFile(path, 1 << 20, 2, Fsync.INTERVAL);
    file.append("{\"a\":1}\n".getBytes(StandardCharsets.UTF_8));
    AtomicReference<IOException> forced = new AtomicReference<>();
    // what the fsync thread met when stop() interrupted it: the JDK closes an interruptible
    // channel when a thread with its interrupt flag set uses it
    Thread interrupted = new Thread(() -> {
      Thread.currentThread().interrupt();
      try {
        file.force();
      } catch (IOException e) {
        forced.set(e);
      }
    });
    interrupted.start();
    interrupted.join();

    assertThat(forced.get()).as("the interrupted force").isInstanceOf(ClosedByInterruptException.class);
    assertThatCode(file::close).as("closing afterwards").doesNotThrowAnyException();
    assertThat(Files.readString(path)).isEqualTo("{\"a\":1}\n");
  }

  @Test
  void appendsAgainAfterAnInterruptClosedItsChannel() throws Exception {
    Path path = dir.resolve("audit.jsonl");
    AuditFile file = new AuditFile(path, 1 << 20, 2, Fsync.NONE);
    Thread.currentThread().interrupt();
    try {
      assertThatCode(() -> file.append("{\"a\":1}\n".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(ClosedByInterruptException.class);
    } finally {
      Thread.interrupted();
    }

    file.append("{\"a\":2}\n".getBytes(StandardCharsets.UTF_8));
    file.close();

    assertThat(Files.readString(path)).isEqualTo("{\"a\":2}\n");
  }

  @Test
  void followsAFileMovedAwayByAnOutsideTool() throws Exception {
    Path path = dir.resolve("audit.jsonl");
    AuditFile file = new AuditFile(path, 1 << 20, 2, Fsync.NONE, 0); // checks before every line
    file.append(line(1));

    // logrotate's "create": move, then a new empty file in its place
    Files.move(path, dir.resolve("audit.jsonl-20261129"), StandardCopyOption.ATOMIC_MOVE);
    Files.createFile(path);
    file.append(line(2));
    // and without a new file: the writer makes it
    Files.move(path, dir.resolve("audit.jsonl-20261130"), StandardCopyOption.ATOMIC_MOVE);
    file.append(line(3));
    file.close();

    assertThat(Files.readString(dir.resolve("audit.jsonl-20261129"))).isEqualTo(new String(line(1), StandardCharsets.UTF_8));
    assertThat(Files.readString(dir.resolve("audit.jsonl-20261130"))).isEqualTo(new String(line(2), StandardCharsets.UTF_8));
    assertThat(Files.readString(path)).isEqualTo(new String(line(3), StandardCharsets.UTF_8));
  }

  @Test
  void keepsWritingTheMovedFileUntilItsNextCheck() throws Exception {
    Path path = dir.resolve("audit.jsonl");
    AuditFile file = new AuditFile(path, 1 << 20, 2, Fsync.NONE, Long.MAX_VALUE);
    file.append(line(1));
    Files.move(path, dir.resolve("moved"), StandardCopyOption.ATOMIC_MOVE);
    file.append(line(2));
    file.close();

    assertThat(Files.readString(dir.resolve("moved"))).isEqualTo(new String(line(1), StandardCharsets.UTF_8)
        + new String(line(2), StandardCharsets.UTF_8));
    assertThat(path).doesNotExist();
  }

  @Test
  void makesItsFoldersAndFilesForItsOwnerOnlyAndLeavesExistingOnesAlone() throws Exception {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
    String before = permissions(dir);
    Path path = dir.resolve("logs/2026/audit.jsonl");
    AuditFile file = new AuditFile(path, 10, 2, Fsync.NONE); // the second line rotates the file
    file.append(line(1));
    file.append(line(2));
    file.close();
    Path existing = dir.resolve("existing.jsonl");
    Files.writeString(existing, "");
    Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-r-----"));
    new AuditFile(existing, 1 << 20, 2, Fsync.NONE).close();

    assertThat(permissions(dir.resolve("logs"))).isEqualTo("rwx------");
    assertThat(permissions(dir.resolve("logs/2026"))).isEqualTo("rwx------");
    assertThat(permissions(path)).isEqualTo("rw-------");
    assertThat(permissions(AuditFile.rotated(path, 1))).isEqualTo("rw-------");
    assertThat(permissions(dir)).as("a folder that existed").isEqualTo(before);
    assertThat(permissions(existing)).as("a file that existed").isEqualTo("rw-r-----");
  }

  @Test
  void refusesToFollowASymbolicLinkAtItsPath() throws Exception {
    Path victim = dir.resolve("victim.txt");
    Files.writeString(victim, "unrelated\n");
    Path path = dir.resolve("audit.jsonl");
    try {
      Files.createSymbolicLink(path, victim);
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "symbolic links cannot be made here: " + e);
    }

    assertThatThrownBy(() -> new AuditFile(path, 1 << 20, 2, Fsync.NONE)).isInstanceOf(IOException.class)
        .hasMessageContaining(path.toAbsolutePath().toString()).hasMessageContaining("is a symbolic link");
    assertThat(Files.readString(victim)).isEqualTo("unrelated\n");
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static byte[] line(int n) {
    return ("{\"n\":" + n + "}\n").getBytes(StandardCharsets.UTF_8);
  }
}
