package dev.herald.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.herald.agent.config.ConfigLoader;
import dev.herald.agent.log.AgentLog;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatcherTest {

  @Test
  void tellsOnceThatTheFileCannotBeReadAndOnceThatItCanAgain(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("herald.yaml");
    String yaml = "reload: true\nservices: []\n";
    Files.writeString(file, yaml);
    ConfigWatcher watcher = new ConfigWatcher(ConfigLoader.load(file, name -> null), null);
    ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) AgentLog.get(ConfigWatcher.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try {
      Files.delete(file);
      watcher.look();
      watcher.look();
      watcher.look();
      Files.writeString(file, yaml);
      watcher.look();
      watcher.look();
      Files.delete(file);
      watcher.look();
    } finally {
      logger.detachAppender(lines);
    }

    String gone = "cannot read " + file + " to reload it: java.nio.file.NoSuchFileException: " + file
        + "; keeping the running config until it can be read";
    assertThat(lines.list).extracting(e -> e.getLevel() + " " + e.getFormattedMessage()).containsExactly(
        "WARN " + gone,
        "INFO " + file + " can be read again; watching it for changes",
        "WARN " + gone);
  }

  @Test
  void warnsWhenOthersMayWriteAFileWhoseEditsAreApplied(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("herald.yaml"), "reload: true\nservices: []\n");
    Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX");
    ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) AgentLog.get(ConfigWatcher.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
      ConfigWatcher.warnIfWritableByOthers(file);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
      ConfigWatcher.warnIfWritableByOthers(file);
    } finally {
      logger.detachAppender(lines);
    }

    assertThat(lines.list).extracting(e -> e.getLevel() + " " + e.getFormattedMessage()).singleElement().asString()
        .startsWith("WARN " + file + " is writable by group (rw-rw-r--), and its edits are applied while");
  }

  @Test
  void warnsWhenOthersMayReplaceTheFileInItsFolderUnlessTheFolderIsSticky(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("unix"), "unix mode");
    Path folder = Files.createDirectories(dir.resolve("config"));
    Path file = Files.writeString(folder.resolve("herald.yaml"), "reload: true\nservices: []\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) AgentLog.get(ConfigWatcher.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
      ConfigWatcher.warnIfWritableByOthers(file);
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
      ConfigWatcher.warnIfWritableByOthers(file);
      Files.setAttribute(folder, "unix:mode", 01777); // as /tmp: only a file's owner may replace it
      ConfigWatcher.warnIfWritableByOthers(file);
    } finally {
      logger.detachAppender(lines);
    }

    assertThat(lines.list).extracting(e -> e.getLevel() + " " + e.getFormattedMessage()).singleElement().asString()
        .startsWith("WARN the folder " + folder + " of herald.yaml is writable by group and others (rwxrwxrwx)");
  }
}
