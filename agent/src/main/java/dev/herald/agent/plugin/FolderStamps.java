package dev.herald.agent.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the manager last read from each jar file of the plugin folder, and which files are worth
 * reading again.
 *
 * <p>A jar that appeared or changed is read only once its size and modification time are the same
 * at two scans in a row, so that a jar still being copied is not loaded half-written. If it is read
 * anyway (a copy that stalled for longer than a scan interval), it fails the zip check, costs one
 * ERROR, and is read again as soon as it changes. Not thread-safe: the manager's operations lock guards it.
 */
final class FolderStamps {

  /** The size and modification time of a file: cheap to read, and what a copy in progress changes. */
  record Stamp(long size, FileTime modified) {}

  /**
   * What was read: the file's stamp before reading, and the private copy whose digest stands for
   * the content (the copy, not the jar, so that the plugin's class loader is never kept here);
   * null if it could not be loaded.
   */
  private record Read(Stamp stamp, PluginCopy copy) {
    String digest() {
      return copy == null ? null : copy.digest();
    }
  }

  private final Map<String, Read> read = new HashMap<>();
  private final Map<String, Stamp> pending = new HashMap<>();

  /** The stamp of {@code file} now; null if it cannot be read (gone meanwhile). */
  static Stamp stamp(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new Stamp(attributes.size(), attributes.lastModifiedTime());
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The stamp of {@code file} if it changed since it was last read and has stayed the same since
   * the previous scan (so it is time to read it); otherwise null.
   */
  Stamp settled(String fileName, Path file) {
    Stamp now = stamp(file);
    Read last = read.get(fileName);
    if (now == null || last != null && last.stamp().equals(now)) {
      pending.remove(fileName);
      return null;
    }
    if (!now.equals(pending.put(fileName, now))) {
      return null; // first sight of this size and time: it may still be being written
    }
    pending.remove(fileName);
    return now;
  }

  /**
   * Records that {@code fileName} was read at {@code stamp} into {@code copy} (null if it could not
   * be loaded); returns the digest of what was read before, or null. Digests are taken from the
   * second read of a file on: a start never hashes a jar.
   */
  String read(String fileName, Stamp stamp, PluginCopy copy) {
    Read before = read.put(fileName, new Read(stamp, copy));
    return before == null ? null : before.digest();
  }

  /** The files read so far. */
  Set<String> files() {
    return Set.copyOf(read.keySet());
  }

  void forget(String fileName) {
    read.remove(fileName);
    pending.remove(fileName);
  }
}
