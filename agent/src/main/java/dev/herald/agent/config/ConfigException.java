package dev.herald.agent.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A config file that cannot be used, with every problem found in it (not just the first).
 *
 * <p>{@link #getMessage()} is the problems one per line, each {@code herald.yaml:12:5: message}.
 * Messages never contain the resolved value of a {@code ${VAR}}: they name the variable instead.
 */
public final class ConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  /** The problems, sorted by position; never empty. */
  private final transient List<Problem> problems;
  private final OnConfigError onConfigError;

  /**
   * @param problems at least one problem
   * @param onConfigError the file's {@code on-config-error} if it could be read, else CONTINUE
   */
  public ConfigException(List<Problem> problems, OnConfigError onConfigError) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
    this.onConfigError = Objects.requireNonNull(onConfigError);
  }

  /** Every problem found, in file order; never empty. */
  public List<Problem> problems() {
    return problems;
  }

  /**
   * What the file asked for on a broken config: its {@code on-config-error} value if the file was
   * readable enough to find it, else {@link OnConfigError#CONTINUE}.
   */
  public OnConfigError onConfigError() {
    return onConfigError;
  }

  /**
   * One thing wrong with a config file.
   *
   * @param file the file as the user named it
   * @param line 1-based line, or 0 when the problem is with the whole file
   * @param column 1-based column, or 0 when the problem is with the whole file
   * @param message what was found and what was expected, without a position
   */
  public record Problem(Path file, int line, int column, String message) {

    public Problem {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(message, "message");
    }

    /** {@code herald.yaml:12:5: message}, or {@code herald.yaml: message} without a position. */
    @Override
    public String toString() {
      return line > 0 ? file + ":" + line + ":" + column + ": " + message : file + ": " + message;
    }
  }
}
