package dev.herald.agent.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/** Collects the problems of one file while it is read, so that one pass reports all of them. */
final class Problems {

  private final Path file;
  private final List<ConfigException.Problem> found = new ArrayList<>();
  private OnConfigError onConfigError = OnConfigError.CONTINUE;

  Problems(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /** A problem at the start of {@code node}. */
  void at(Node node, String message) {
    at(node.getStartMark().orElse(null), message);
  }

  /** A problem at {@code mark} (0-based in SnakeYAML; shown 1-based). */
  void at(Mark mark, String message) {
    if (mark == null) {
      whole(message);
    } else {
      atLine(mark.getLine() + 1, mark.getColumn() + 1, message);
    }
  }

  /** A problem at a 1-based line and column. */
  void atLine(int line, int column, String message) {
    found.add(new ConfigException.Problem(file, line, column, message));
  }

  /** A problem with the whole file. */
  void whole(String message) {
    found.add(new ConfigException.Problem(file, 0, 0, message));
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  /** Remembers the file's {@code on-config-error} for the exception, once it is known. */
  void onConfigError(OnConfigError value) {
    onConfigError = value;
  }

  /** Throws the collected problems, in file order, if there are any. */
  void throwIfAny() throws ConfigException {
    if (!found.isEmpty()) {
      throw exception();
    }
  }

  ConfigException exception() {
    List<ConfigException.Problem> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparingInt(ConfigException.Problem::line)
        .thenComparingInt(ConfigException.Problem::column));
    return new ConfigException(sorted, onConfigError);
  }
}
