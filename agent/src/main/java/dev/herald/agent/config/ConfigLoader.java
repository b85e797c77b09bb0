package dev.herald.agent.config;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Finds, reads and checks a Herald config file.
 *
 * <p>Stateless and safe for concurrent use. Every problem found in one pass is reported together
 * in a {@link ConfigException}; messages name file, line and column, and never contain the
 * resolved value of a {@code ${VAR}}.
 */
public final class ConfigLoader {

  /** The largest config file read: 1 MiB. */
  public static final long MAX_SIZE = 1024 * 1024;
  /** The system property naming the config file. */
  public static final String PROPERTY = "herald.config";
  /** The environment variable naming the config file. */
  public static final String ENV = "HERALD_CONFIG";
  /** The file looked for in the working directory when nothing names one. */
  public static final String DEFAULT_FILE = "herald.yaml";

  private ConfigLoader() {}

  /**
   * Where the config is: the agent argument if not blank, else system property {@value #PROPERTY},
   * else environment variable {@value #ENV}, else {@value #DEFAULT_FILE} in {@code workingDir} if
   * it exists; relative paths are resolved against {@code workingDir}.
   *
   * @param agentArgs the {@code -javaagent:herald-agent.jar=<args>} text; may be null
   * @return the file to load, which need not exist when named explicitly; empty if none is named
   * @throws java.nio.file.InvalidPathException if the named path is not a valid path
   */
  public static Optional<Path> locate(String agentArgs, Function<String, String> systemProperty,
      Function<String, String> env, Path workingDir) {
    String named = firstNonBlank(agentArgs, systemProperty.apply(PROPERTY), env.apply(ENV));
    if (named != null) {
      return Optional.of(workingDir.resolve(named.trim()));
    }
    Path fallback = workingDir.resolve(DEFAULT_FILE);
    return Files.exists(fallback) ? Optional.of(fallback) : Optional.empty();
  }

  private static String firstNonBlank(String... candidates) {
    for (String candidate : candidates) {
      if (candidate != null && !candidate.isBlank()) {
        return candidate;
      }
    }
    return null;
  }

  /**
   * At most {@code MAX_SIZE + 1} bytes of {@code file}. Through {@link FileInputStream}, not {@code
   * Files.readAllBytes}: NIO's file channel is some 30 JDK classes that the JVM's shared archive does
   * not hold, ~9 ms of premain on the application's main thread.
   */
  private static byte[] read(Path file) throws IOException {
    try (InputStream in = new FileInputStream(file.toFile())) {
      return in.readNBytes((int) MAX_SIZE + 1);
    }
  }

  /**
   * Reads and checks {@code file}.
   *
   * @param env looks up environment variables for {@code ${NAME}}; returns null when unset
   * @throws ConfigException with every problem found, if the file cannot be used
   */
  public static HeraldConfig load(Path file, Function<String, String> env) throws ConfigException {
    Problems problems = new Problems(file);
    byte[] bytes = null;
    try {
      if (!Files.exists(file)) {
        problems.whole("does not exist" + (file.isAbsolute() ? ""
            : " (looked for " + file.toAbsolutePath() + ")"));
      } else if (Files.isDirectory(file)) {
        problems.whole("is a folder; expected a YAML file");
      } else if (Files.size(file) > MAX_SIZE) {
        problems.whole(tooLarge(Files.size(file)));
      } else {
        bytes = read(file);
      }
    } catch (FileNotFoundException e) { // it exists and is no folder (above): opening it was refused
      problems.whole("cannot be read: " + (Files.isReadable(file)
          ? e.getClass().getSimpleName() + ": " + e.getMessage() : "permission denied"));
    } catch (IOException e) {
      problems.whole("cannot be read: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    if (bytes != null && bytes.length > MAX_SIZE) {
      // it grew between the size check and the read
      problems.whole(tooLarge(bytes.length));
    } else if (bytes != null) {
      String text = TextDecoding.decode(bytes, problems);
      if (text != null) {
        return parse(text, file, env);
      }
    }
    throw problems.exception();
  }

  /**
   * Checks config {@code text} as if read from {@code file}, which names it in messages and whose
   * folder relative paths resolve against; the file itself is not read.
   *
   * @throws ConfigException with every problem found, if the config cannot be used
   */
  public static HeraldConfig parse(String text, Path file, Function<String, String> env)
      throws ConfigException {
    Problems problems = new Problems(file);
    long size = text.length() <= MAX_SIZE / 3 ? text.length()
        : text.getBytes(StandardCharsets.UTF_8).length;
    if (size > MAX_SIZE) {
      problems.whole(tooLarge(size));
      throw problems.exception();
    }
    Optional<Node> root = YamlComposer.compose(text.startsWith("\uFEFF") ? text.substring(1) : text,
        problems);
    if (!problems.isEmpty()) {
      Matcher onError = OnConfigErrorLine.PATTERN.matcher(text);
      if (onError.find()) {
        problems.onConfigError(OnConfigError.valueOf(onError.group(1).toUpperCase(Locale.ROOT)));
      }
      throw problems.exception();
    }
    if (root.isEmpty() || Values.isNull(root.get())) {
      // an empty file is more often a truncated copy than a choice; say how to choose it
      problems.whole("is empty; expected a mapping such as 'services: [...]'"
          + " (write 'services: []' to instrument nothing on purpose)");
      throw problems.exception();
    }
    HeraldConfig config = new ConfigReader(file, problems, env).read(root.get());
    problems.throwIfAny();
    return config;
  }

  /**
   * A top-level on-config-error line, to honour it even when the file does not parse. In a holder
   * class, so that a file that parses (every start) never compiles it.
   */
  private static final class OnConfigErrorLine {
    static final Pattern PATTERN = Pattern.compile(
        "(?m)^on-config-error\\s*:\\s*[\"']?((?i:continue|exit))[\"']?\\s*(#.*)?$");
  }

  private static String tooLarge(long bytes) {
    // in bytes near the limit: "1.0 MB" for a file just over 1 MiB read as if within it
    double mebibytes = bytes / (double) MAX_SIZE;
    String size = mebibytes >= 10 ? Math.round(mebibytes) + " MiB"
        : String.format(Locale.ROOT, "%,d bytes", bytes);
    return "is " + size + "; a Herald config is at most 1 MiB (" + String.format(Locale.ROOT, "%,d", MAX_SIZE)
        + " bytes)";
  }
}
