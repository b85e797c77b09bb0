package dev.herald.examples.audit;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;

/**
 * The audit file: appends whole lines, rotates by size, forces to disk by the {@link Fsync} policy.
 *
 * <p>Each line goes to the operating system as it is written (no buffer in the JVM), so a crash
 * of the JVM loses nothing written. Before a line would take the file past {@code maxSize}, the
 * file is rotated: {@code audit.jsonl.N-1} becomes {@code .N} (the oldest, {@code .N}, is deleted),
 * ..., {@code audit.jsonl} becomes {@code .1}, and a new {@code audit.jsonl} starts. With {@code
 * maxFiles} 0 the old lines are simply deleted.
 *
 * <p>An outside tool may rotate it too: a truncation ({@code logrotate}'s {@code copytruncate}) is
 * seen at the next line, as the file's size is read before each; a move, with or without a new
 * file made in its place ({@code logrotate}'s {@code create}), is seen within {@code
 * followMoveNanos}, by comparing the file the path names with the one open, and the path is opened
 * again. Lines written meanwhile are in the moved file.
 *
 * <p>On a POSIX file system the folders it makes (only those) are {@code rwx------} and the file it
 * makes {@code rw-------}: an audit log holds application data. Files and folders that exist keep
 * their permissions, and rotated files keep the file's. A symbolic link at the file's path is
 * never followed: opening fails with an {@link IOException} naming the path, so whoever can write
 * to the folder cannot make the plugin append to another file.
 *
 * <p>Safe for concurrent use: every method is synchronized, so lines never interleave.
 */
final class AuditFile implements Closeable {

  private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

  private final Path file;
  private final long maxSize;
  private final int maxFiles;
  private final Fsync fsync;
  private final long followMoveNanos;
  private FileChannel channel;
  private Object openKey; // the open file's identity (device and inode), null where unknown
  private long checkedAt;
  private long size;
  private boolean dirty;
  private boolean closed;

  AuditFile(Path file, long maxSize, int maxFiles, Fsync fsync) throws IOException {
    this(file, maxSize, maxFiles, fsync, 1_000_000_000L);
  }

  AuditFile(Path file, long maxSize, int maxFiles, Fsync fsync, long followMoveNanos) throws IOException {
    this.file = file;
    this.maxSize = maxSize;
    this.maxFiles = maxFiles;
    this.fsync = fsync;
    this.followMoveNanos = followMoveNanos;
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      if (posix(parent)) {
        Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(OWNER_FOLDER));
      } else {
        Files.createDirectories(parent);
      }
    }
    open();
  }

  /** Appends {@code line}, which ends with a newline. */
  synchronized void append(byte[] line) throws IOException {
    if (closed) {
      throw new IOException("audit file is closed");
    }
    if (channel == null || !channel.isOpen()) {
      // a rotation that failed half-way left no channel, or an interrupt of a thread using it
      // closed it (a FileChannel is interruptible): open it again rather than fail every append
      open();
    } else if (System.nanoTime() - checkedAt >= followMoveNanos) {
      followMove();
    }
    // the file's own size, not a count of what this writer wrote: a tool that truncated it
    // (logrotate's copytruncate) must not make it rotate early, nor the cut below miss
    size = channel.size();
    if (size > 0 && size + line.length > maxSize) {
      rotate();
    }
    ByteBuffer buffer = ByteBuffer.wrap(line);
    long start = size;
    try {
      while (buffer.hasRemaining()) {
        size += channel.write(buffer);
      }
    } catch (IOException e) {
      // A disk that filled up mid-line left part of it: cut it off, so that the next line starts a
      // line of its own and the file stays one JSON object per line.
      try {
        if (channel.isOpen() && channel.size() > start) {
          channel.truncate(start);
        }
        size = start;
      } catch (IOException | RuntimeException ignored) {
        // the line stays torn; readers skip a line that does not parse
      }
      throw e;
    }
    dirty = true;
    if (fsync == Fsync.ALWAYS) {
      force();
    }
  }

  /** Forces what was written since the last call to disk; for {@link Fsync#INTERVAL}. */
  synchronized void force() throws IOException {
    if (channel != null && dirty) {
      channel.force(false);
      dirty = false;
    }
  }

  /** Forces and closes; later appends fail. Idempotent. */
  @Override
  public synchronized void close() throws IOException {
    closed = true;
    if (channel != null) {
      try {
        force();
      } catch (ClosedChannelException e) {
        // closed under us by the interrupt of a thread that was writing or forcing (a FileChannel
        // is interruptible): nothing is left to force, and closing must still succeed
      } finally {
        channel.close();
        channel = null;
      }
    }
  }

  /** The file with {@code .index} appended: a rotated file. */
  static Path rotated(Path file, int index) {
    return file.resolveSibling(file.getFileName() + "." + index);
  }

  private void rotate() throws IOException {
    channel.force(false);
    channel.close();
    channel = null;
    if (maxFiles == 0) {
      Files.delete(file);
    } else {
      Files.deleteIfExists(rotated(file, maxFiles));
      for (int i = maxFiles - 1; i >= 1; i--) {
        if (Files.exists(rotated(file, i))) {
          Files.move(rotated(file, i), rotated(file, i + 1), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(file, rotated(file, 1), StandardCopyOption.REPLACE_EXISTING);
    }
    open();
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** If the path no longer names the open file (moved away by an outside tool), opens the path again. */
  private void followMove() throws IOException {
    checkedAt = System.nanoTime();
    if (openKey == null) {
      return; // a file system without file keys: a move cannot be told from here
    }
    Object current;
    try {
      current = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    } catch (NoSuchFileException moved) {
      current = null; // moved, and nothing made in its place yet: make it
    }
    if (!Objects.equals(current, openKey)) {
      channel.force(false); // what the moved file holds is on disk, as it would be at a rotation of ours
      channel.close();
      channel = null;
      open();
    }
  }

  private void open() throws IOException {
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND,
        LinkOption.NOFOLLOW_LINKS);
    try {
      channel = posix(file)
          ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(OWNER_FILE))
          : FileChannel.open(file, options);
    } catch (IOException e) {
      if (Files.isSymbolicLink(file)) {
        throw new IOException("audit file " + file.toAbsolutePath() + " is a symbolic link; it is not followed, so"
            + " that whoever can write to its folder cannot redirect the audit log: remove the link, or set"
            + " 'file' to the real path", e);
      }
      throw e;
    }
    size = channel.size();
    dirty = false;
    checkedAt = System.nanoTime();
    try {
      openKey = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    } catch (IOException e) {
      openKey = new Object(); // moved already: equal to nothing, so the next check opens the path again
    }
  }
}
