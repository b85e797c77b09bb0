package dev.herald.agent.plugin;

import dev.herald.agent.log.AgentLog;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;

/**
 * Lists the plugin jars of a folder: {@code *.jar} regular files directly in it (never in
 * sub-folders), sorted by file name, so that the load and start order is the same on every host.
 *
 * <p>Every jar here runs with the application's rights, so a symbolic link is followed only when
 * its target stays inside the folder, and a folder that others may write to is reported.
 *
 * <p>The folder is listed at start-up and again at each rescan while the application runs; each
 * problem found (a link leading out, a folder others may write to) is logged once per {@code
 * reported} set, not at every rescan.
 */
public final class PluginFolder {

  private static final Logger log = AgentLog.get(PluginFolder.class);
  private static final Comparator<Path> BY_FILE_NAME = new Comparator<Path>() {
    @Override
    public int compare(Path a, Path b) {
      return a.getFileName().toString().compareTo(b.getFileName().toString());
    }
  };

  /**
   * One jar to load.
   *
   * @param file the file to read, symbolic links resolved
   * @param fileName the name of the entry in the folder
   * @param display how messages name it: the folder's name and the file name, e.g. {@code plugins/x.jar}
   */
  record Candidate(Path file, String fileName, String display) {}

  private PluginFolder() {}

  /** The jars to load from {@code folder} at start-up; empty (with a WARN) if it is not a folder. */
  static List<Candidate> scan(Path folder, Set<String> reported) {
    if (!Files.isDirectory(folder)) {
      log.warn("plugin folder {} does not exist or is not a folder; no plugins loaded", folder);
      return List.of();
    }
    List<Candidate> candidates = list(folder, reported);
    return candidates == null ? List.of() : candidates;
  }

  /**
   * The jars in {@code folder} now, in load order; null if it cannot be listed (it is missing, or
   * unreadable: an ERROR, once), which is not the same as empty.
   */
  static List<Candidate> list(Path folder, Set<String> reported) {
    if (!Files.isDirectory(folder)) {
      return null;
    }
    List<Path> entries = new ArrayList<>();
    Path realFolder;
    // a loop, not a stream: this runs while the application starts, where each lambda is a class
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(folder)) {
      realFolder = folder.toRealPath();
      for (Path entry : listing) {
        entries.add(entry);
      }
      entries.sort(BY_FILE_NAME);
    } catch (IOException | RuntimeException e) {
      if (reported.add("unreadable " + folder)) {
        log.error("plugin folder {} cannot be read ({}); no plugins are loaded from it until it can be",
            folder, e.toString());
      }
      return null;
    }
    if (reported.add("writable " + folder)) {
      warnIfWritableByOthers(folder, realFolder);
    }
    List<Candidate> candidates = new ArrayList<>();
    for (Path entry : entries) {
      String fileName = entry.getFileName().toString();
      if (!fileName.toLowerCase(Locale.ROOT).endsWith(".jar")) {
        log.debug("{} is not a .jar file; ignored", entry);
        continue;
      }
      String display = display(folder, fileName);
      Path file = resolve(entry, realFolder, display, reported);
      if (file == null) {
        continue;
      }
      if (!Files.isRegularFile(file)) {
        log.debug("{} is not a regular file; ignored", display);
        continue;
      }
      String who = writableByOthers(file);
      if (who != null && reported.add("writable " + file)) {
        log.warn("plugin {} is writable by {}; whoever can write it can run code in this JVM. Make it"
            + " writable by its owner only.", display, who);
      }
      candidates.add(new Candidate(file, fileName, display));
    }
    return candidates;
  }

  /** The file to read for {@code entry}, or null if it is a link that must not be followed. */
  private static Path resolve(Path entry, Path realFolder, String display, Set<String> reported) {
    if (!Files.isSymbolicLink(entry)) {
      return entry;
    }
    Path target;
    try {
      target = entry.toRealPath();
    } catch (IOException e) {
      if (reported.add("dangling " + entry)) {
        log.warn("{} is a symbolic link to nothing that exists ({}); skipped", display, e.toString());
      }
      return null;
    }
    if (!target.startsWith(realFolder) && reported.add("outside " + entry + " " + target)) {
      log.warn("{} is a symbolic link to {}, outside the plugin folder {}; skipped: only jars inside"
          + " the plugin folder are loaded", display, target, realFolder);
    }
    return target.startsWith(realFolder) ? target : null;
  }

  private static void warnIfWritableByOthers(Path folder, Path realFolder) {
    String who = writableByOthers(realFolder);
    if (who != null) {
      log.warn("plugin folder {} is writable by {}; whoever can write there can run code in"
          + " this JVM. Make it writable by its owner only; where its mode cannot be changed (a"
          + " Kubernetes emptyDir with fsGroup), put the jars in a subfolder writable by its owner only"
          + " (0755) and point plugins.path at it.", folder, who);
    }
  }

  /**
   * Who besides the owner may write {@code file}, with its permissions: "group (rwxrwxr-x)", "others
   * (...)", "group and others (...)"; null if nobody, if the file system has no POSIX permissions,
   * or if nobody can write it whatever its mode: on a file system mounted read-only, or in a
   * Kubernetes ConfigMap or Secret volume (whose root may show rwxrwxrwx).
   */
  public static String writableByOthers(Path file) {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException | IOException | SecurityException notPosix) {
      return null; // nothing to check on file systems without POSIX permissions
    }
    // An anonymous class, not a lambda: this runs while the application starts
    return writableByOthers(permissions, new BooleanSupplier() {
      @Override
      public boolean getAsBoolean() {
        return readOnly(file);
      }
    });
  }

  /**
   * As {@link #writableByOthers(Path)} for a file with {@code permissions}; {@code readOnly} is asked
   * only when the mode lets group or others write.
   */
  static String writableByOthers(Set<PosixFilePermission> permissions, BooleanSupplier readOnly) {
    boolean group = permissions.contains(PosixFilePermission.GROUP_WRITE);
    boolean others = permissions.contains(PosixFilePermission.OTHERS_WRITE);
    if (!group && !others || readOnly.getAsBoolean()) {
      return null;
    }
    return (group && others ? "group and others" : group ? "group" : "others")
        + " (" + PosixFilePermissions.toString(permissions) + ")";
  }

  /**
   * True if nobody can write {@code file}, whatever its mode, as far as can be told; false if unsure.
   * Not for a read-only bind mount in general: the folder it shows may be written where it is
   * mounted read-write (on the host, by its users), and its mode says who may.
   */
  private static boolean readOnly(Path file) {
    boolean storeReadOnly;
    try {
      storeReadOnly = Files.getFileStore(file).isReadOnly();
    } catch (IOException | RuntimeException e) {
      storeReadOnly = false;
    }
    if (storeReadOnly) {
      return true;
    }
    if (!kubeletVolume(file)) {
      return false;
    }
    // The layout alone proves nothing: whoever may write the folder may make a ..data link. The
    // kubelet mounts these volumes read-only; a write refused for a reason other than rights is that.
    try {
      file.getFileSystem().provider().checkAccess(file, AccessMode.WRITE);
      return false;
    } catch (IOException writeRefused) {
      return readOnly(false, true, writeRefused);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * The rule of {@link #readOnly(Path)}: nobody writes a file whose file store is read-only (the
   * file system itself is mounted so), nor one in a Kubernetes ConfigMap, Secret or projected volume
   * ({@code kubeletVolume}: only the kubelet writes there, whatever mode its root shows) to which a
   * write was refused for another reason than this user's rights ({@code writeRefused}: the mount
   * is read-only). Allowed ({@code writeRefused} null) or refused for this user only, others may.
   */
  static boolean readOnly(boolean storeReadOnly, boolean kubeletVolume, IOException writeRefused) {
    return storeReadOnly || kubeletVolume && writeRefused instanceof FileSystemException
        && !(writeRefused instanceof AccessDeniedException) && !(writeRefused instanceof NoSuchFileException);
  }

  /**
   * True if {@code file} is, or is in, a folder laid out by the kubelet's atomic writer: a {@code
   * ..data} symbolic link to the current {@code ..<timestamp>} folder beside it, which holds the files.
   */
  static boolean kubeletVolume(Path file) {
    try {
      Path folder = Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS) ? file : file.getParent();
      if (folder == null) {
        return false;
      }
      Path data = folder.resolve("..data");
      if (!Files.isSymbolicLink(data)) {
        return false;
      }
      Path target = Files.readSymbolicLink(data);
      return target.getNameCount() == 1 && target.toString().startsWith("..")
          && Files.isDirectory(folder.resolve(target), LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The folder's own name and the file name, as the user sees them in their config. */
  static String display(Path folder, String fileName) {
    Path name = folder.getFileName();
    return name == null ? fileName : name.resolve(fileName).toString();
  }
}
