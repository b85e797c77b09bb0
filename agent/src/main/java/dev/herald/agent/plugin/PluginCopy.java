package dev.herald.agent.plugin;

import dev.herald.agent.log.AgentLog;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * A private copy of a plugin jar, in a temporary folder of its own ({@code herald-plugin-*} under
 * {@code java.io.tmpdir}, readable by this user only), with the SHA-256 digest of its content.
 * The digest is taken from the copy when first asked for (a reload compares it), not while the
 * application starts: hashing a jar of a few megabytes with cold code costs tens of milliseconds.
 *
 * <p>The plugin's class loader reads the copy, never the file in the plugin folder: an operator
 * may then replace or delete that file at any time (on Windows too, where an open jar is locked)
 * without breaking classes the running plugin has yet to load. The copy is deleted when the
 * loader is closed. Owned by one {@link PluginJar}; {@link #digest} is safe for concurrent use.
 */
final class PluginCopy {

  private static final Logger log = AgentLog.get(PluginCopy.class);
  private static final AtomicLong NAMES = new AtomicLong();
  private static final AtomicBoolean SWEPT = new AtomicBoolean();
  private static final String PREFIX = "herald-plugin-";
  private static final String LOCK = ".lock";
  private static final long MIN_SWEEP_AGE_MILLIS = 60_000L;
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  // a folder Herald makes: readable by this user only; the sweep recognises them by it too
  private static final Set<PosixFilePermission> OWNER_RWX = EnumSet.of(PosixFilePermission.OWNER_READ,
      PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(OWNER_RWX);

  private final Path folder;
  private final Path file;
  private final FileChannel liveness; // locked while this JVM lives; null where locks are not to be had
  private String digest; // guarded by this
  // set once the manager has stopped for good: no reload will compare this copy's digest any more
  private volatile boolean lastUse;

  private PluginCopy(Path folder, Path file, FileChannel liveness) {
    this.folder = folder;
    this.file = file;
    this.liveness = liveness;
  }

  /**
   * Copies {@code source} under its own {@code fileName} into a new temporary folder.
   *
   * @throws NoPrivateCopy if no folder can be made under {@code java.io.tmpdir}, or the copy cannot
   *     be written there (the folder is full, say): the jar is fine
   * @throws IOException if the jar cannot be read
   */
  static PluginCopy of(Path source, String fileName) throws IOException {
    Path folder;
    try {
      folder = newFolder();
    } catch (IOException | RuntimeException e) {
      throw new NoPrivateCopy(e);
    }
    Path file = folder.resolve(fileName);
    FileChannel liveness = lockLiveness(folder);
    if (SWEPT.compareAndSet(false, true)) {
      sweepOrphans(folder.getParent(), ownerOf(folder)); // folders owned as ours is: this user's
    }
    try {
      copy(source, file);
      return new PluginCopy(folder, file, liveness);
    } catch (NotWritten e) {
      delete(folder, file, liveness); // first: a full folder has the room of this partial copy back
      throw new NoPrivateCopy(e.getCause(), sizeOf(source), usableSpace(folder.getParent()));
    } catch (IOException | RuntimeException e) {
      delete(folder, file, liveness);
      throw e;
    }
  }

  /**
   * Copies {@code source} to the new file {@code target}. Not {@code Files.copy}, whose one
   * exception does not tell a jar that cannot be read from a copy that cannot be written.
   *
   * @throws NotWritten if {@code target} cannot be created or written
   * @throws IOException if {@code source} cannot be read
   */
  private static void copy(Path source, Path target) throws IOException {
    try (InputStream in = Files.newInputStream(source)) {
      OutputStream out;
      try {
        out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (IOException e) {
        throw new NotWritten(e);
      }
      try {
        transfer(in, out);
      } catch (IOException | RuntimeException e) {
        closeQuietly(out);
        throw e;
      }
      try {
        out.close(); // where a full disk may show first (NFS)
      } catch (IOException e) {
        throw new NotWritten(e);
      }
    }
  }

  /** Copies {@code in} to {@code out}; a failure to write is a {@link NotWritten}, to read is not. */
  static void transfer(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      try {
        out.write(buffer, 0, n);
      } catch (IOException e) {
        throw new NotWritten(e);
      }
    }
  }

  /** The copy could not be written; its cause says why. */
  static final class NotWritten extends IOException {
    NotWritten(IOException cause) {
      super(cause);
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long usableSpace(Path folder) {
    try {
      return Files.getFileStore(folder).getUsableSpace();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Creates {@code .lock} in {@code folder} and locks it for the life of this JVM, so that a later
   * JVM can tell the copy of one that was killed ({@link #sweepOrphans}): the OS releases the lock
   * of a process that ends, however it ends. Null if the file system gives no lock.
   */
  private static FileChannel lockLiveness(Path folder) {
    FileChannel channel = null;
    try {
      channel = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      if (channel.tryLock() != null) {
        return channel;
      }
    } catch (IOException | RuntimeException e) {
      // no lock: sweepOrphans cannot lock it either, and leaves the folder alone
    }
    closeQuietly(channel);
    return null;
  }

  /**
   * A new folder {@code herald-plugin-<n>} under {@code java.io.tmpdir}, readable by this user only.
   * Not {@code Files.createTempDirectory}: the first call seeds a {@code SecureRandom} for its
   * names, ~40 ms of CPU taken from the application's start. A name that is new in this JVM,
   * created only if nothing has that name yet (a name taken, even by someone else's link, is
   * skipped), is as safe; the JDK's method is the fallback after many taken names.
   */
  private static Path newFolder() throws IOException {
    Path temp = Path.of(System.getProperty("java.io.tmpdir"));
    for (int attempt = 0; attempt < 100; attempt++) {
      Path folder = temp.resolve(PREFIX + Long.toUnsignedString(
          System.nanoTime() + NAMES.getAndIncrement() * 7919, 36));
      try {
        return POSIX ? Files.createDirectory(folder, OWNER_ONLY) : Files.createDirectory(folder);
      } catch (FileAlreadyExistsException e) {
        // taken: try another name
      }
    }
    return Files.createTempDirectory("herald-plugin-");
  }

  Path file() {
    return file;
  }

  /**
   * No private copy could be made under {@code java.io.tmpdir}: no folder, or no room or right to
   * write the copy there. The jar is fine, the temporary folder is not.
   */
  static final class NoPrivateCopy extends IOException {

    private static final String WHERE = "cannot make its private copy under java.io.tmpdir (";

    /** No folder could be made. */
    NoPrivateCopy(Exception cause) {
      super(WHERE + tmpdir() + "): " + cause + "; give the JVM a writable temporary folder, -Djava.io.tmpdir=...",
          cause);
    }

    /**
     * The copy could not be written.
     *
     * @param size the jar's size, -1 if unknown
     * @param usable the bytes the temporary folder's file system has for this user, -1 if unknown
     */
    NoPrivateCopy(Throwable cause, long size, long usable) {
      super(WHERE + tmpdir() + "): " + (full(cause, size, usable)
          ? "the folder is full (" + cause + "); it needs " + bytes(size) + " there (the jar's size)"
              + (usable < 0 ? "" : ", " + usable + " bytes are free") + "; free some space there or give the JVM"
              + " a temporary folder with room for it, -Djava.io.tmpdir=..."
          : cause + "; it needs " + bytes(size) + " there (the jar's size); give the JVM a writable temporary"
              + " folder with room for it, -Djava.io.tmpdir=..."), cause);
    }

    private static String tmpdir() {
      return System.getProperty("java.io.tmpdir");
    }

    // the room left says it where it is known; the reason's words (ENOSPC) where it is not, in English
    private static boolean full(Throwable cause, long size, long usable) {
      return usable >= 0 && size > usable
          || String.valueOf(cause.getMessage()).contains("No space left on device");
    }

    private static String bytes(long size) {
      return size < 0 ? "as many bytes as the jar has" : size + " bytes";
    }
  }

  /**
   * The SHA-256 of the content, in hex: two copies with the same digest hold the same jar. A copy
   * that cannot be read any more gets a digest of its own, equal to no other.
   */
  synchronized String digest() {
    if (digest == null) {
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256())) {
        in.transferTo(OutputStream.nullOutputStream());
        digest = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
      } catch (IOException e) {
        digest = "unreadable copy " + file;
      }
    }
    return digest;
  }

  /**
   * Deletes the copy and its folder; what cannot be deleted now is left to the JVM's exit. The
   * digest is taken first, for a later reload to compare against (the folder's record of what was
   * read keeps it), unless this is the copy's {@link #lastUse()}.
   */
  void delete() {
    if (!lastUse) {
      digest();
    }
    delete(folder, file, liveness);
  }

  /**
   * No reload will compare this copy any more (its manager has stopped for good, at the JVM's exit
   * most often): {@link #delete} need not hash it, which took ~100 ms of the demo's exit for jars
   * of a few megabytes.
   */
  void lastUse() {
    lastUse = true;
  }

  /**
   * Deletes the copies that JVMs killed before they could delete theirs left under {@code temp}
   * ({@code kill -9}, an out-of-memory kill: a few megabytes per plugin per kill): folders {@code
   * herald-plugin-*} whose {@code .lock} this JVM can lock, since the JVM that locked it is gone,
   * and the regular files in them. Only folders this user owns, readable by this user only (as
   * {@link #newFolder} makes them) and older than a minute (a JVM making one now has not locked it
   * yet): another user's folder could be swapped for a link while it is swept, and in a sticky
   * temporary folder nobody else can rename ours. A folder without that file (of an older
   * version) or of a live JVM (locked) is left alone. POSIX file systems only. Never throws;
   * returns how many folders it deleted.
   */
  static int sweepOrphans(Path temp, UserPrincipal me) {
    int deleted = 0;
    if (!POSIX || me == null) {
      return 0;
    }
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(temp, PREFIX + "*")) {
      for (Path folder : folders) {
        Path lock = folder.resolve(LOCK);
        if (!sweepable(folder, me) || !Files.isRegularFile(lock, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE);
            FileLock held = channel.tryLock()) {
          if (held == null) {
            continue; // its JVM lives
          }
          try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
              if (!file.getFileName().toString().equals(LOCK)
                  && (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(file))) {
                Files.delete(file);
              }
            }
          }
          Files.delete(lock);
          Files.delete(folder);
          deleted++;
        } catch (IOException | RuntimeException e) {
          // locked by this JVM (OverlappingFileLockException), someone else's, or in use: leave it
        }
      }
    } catch (IOException | RuntimeException e) {
      log.debug("could not look for plugin copies left by killed JVMs in {}: {}", temp, e.toString());
    }
    if (deleted > 0) {
      log.info("deleted {} plugin cop{} left in {} by Herald JVMs that were killed", deleted,
          deleted == 1 ? "y" : "ies", temp);
    }
    return deleted;
  }

  private static UserPrincipal ownerOf(Path folder) {
    try {
      return Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Owned by {@code me}, a folder (not a link), readable by its owner only, and older than a minute. */
  private static boolean sweepable(Path folder, UserPrincipal me) {
    try {
      PosixFileAttributes attributes = Files.readAttributes(folder, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attributes.isDirectory() && me.equals(attributes.owner())
          && attributes.permissions().equals(OWNER_RWX)
          && System.currentTimeMillis() - attributes.lastModifiedTime().toMillis() > MIN_SWEEP_AGE_MILLIS;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static void closeQuietly(Closeable closeable) {
    if (closeable != null) {
      try {
        closeable.close();
      } catch (IOException ignored) {
        // nothing to do
      }
    }
  }

  private static void delete(Path folder, Path file, FileChannel liveness) {
    closeQuietly(liveness);
    try {
      Files.deleteIfExists(file);
      Files.deleteIfExists(folder.resolve(LOCK));
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      // a stream the plugin left open keeps the file on Windows; the JVM deletes in reverse order
      // of registration, so the file goes before its folder
      log.debug("cannot delete {} now ({}); deleting it at exit", file, e.toString());
      folder.toFile().deleteOnExit();
      folder.resolve(LOCK).toFile().deleteOnExit();
      file.toFile().deleteOnExit();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
