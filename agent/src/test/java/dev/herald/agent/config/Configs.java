package dev.herald.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Helpers for config tests: parse text as {@code herald.yaml} and collect its problems. */
final class Configs {

  static final Path FILE = Path.of("herald.yaml");

  private Configs() {}

  static HeraldConfig parse(String yaml) throws ConfigException {
    return ConfigLoader.parse(yaml, FILE, name -> null);
  }

  static HeraldConfig parse(String yaml, Map<String, String> env) throws ConfigException {
    return ConfigLoader.parse(yaml, FILE, env::get);
  }

  static ConfigException failure(String yaml, Map<String, String> env) {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> ConfigLoader.parse(yaml, FILE, env::get));
    assertThat(e).as("a ConfigException for:%n%s", yaml).isNotNull();
    return e;
  }

  /** The failure of {@code yaml} read as if from {@code file}. */
  static ConfigException failureAt(Path file, String yaml) {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> ConfigLoader.parse(yaml, file, name -> null));
    assertThat(e).as("a ConfigException for:%n%s", yaml).isNotNull();
    return e;
  }

  static List<ConfigException.Problem> problems(String yaml) {
    return failure(yaml, Map.of()).problems();
  }

  /** The one problem of {@code yaml}; fails if there are none or several. */
  static ConfigException.Problem problem(String yaml) {
    return problem(yaml, Map.of());
  }

  static ConfigException.Problem problem(String yaml, Map<String, String> env) {
    List<ConfigException.Problem> problems = failure(yaml, env).problems();
    assertThat(problems).as("problems").hasSize(1);
    return problems.get(0);
  }

  /** "line:column: message", to assert all three at once. */
  static String at(ConfigException.Problem problem) {
    return problem.line() + ":" + problem.column() + ": " + problem.message();
  }
}
