package dev.herald.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderLocateTest {

  @TempDir Path dir;

  private static final Function<String, String> NONE = name -> null;

  private static Function<String, String> only(String key, String value) {
    return Map.of(key, value)::get;
  }

  @Test
  void agentArgumentComesFirst() {
    assertThat(ConfigLoader.locate("/etc/app/herald.yaml", only("herald.config", "p.yaml"),
        only("HERALD_CONFIG", "e.yaml"), dir)).contains(Path.of("/etc/app/herald.yaml"));
  }

  @Test
  void blankArgumentFallsBackToSystemProperty() {
    assertThat(ConfigLoader.locate("  ", only("herald.config", "p.yaml"),
        only("HERALD_CONFIG", "e.yaml"), dir)).contains(dir.resolve("p.yaml"));
  }

  @Test
  void environmentVariableComesAfterSystemProperty() {
    assertThat(ConfigLoader.locate(null, NONE, only("HERALD_CONFIG", "conf/e.yaml"), dir))
        .contains(dir.resolve("conf/e.yaml"));
    assertThat(ConfigLoader.locate(null, only("herald.config", ""),
        only("HERALD_CONFIG", "e.yaml"), dir)).contains(dir.resolve("e.yaml"));
  }

  @Test
  void namedFileNeedNotExistSoThatLoadingCanSaySo() {
    assertThat(ConfigLoader.locate("missing.yaml", NONE, NONE, dir))
        .contains(dir.resolve("missing.yaml"));
  }

  @Test
  void heraldYamlInWorkingDirectoryIsTheLastResort() throws IOException {
    assertThat(ConfigLoader.locate(null, NONE, NONE, dir)).isEmpty();
    Files.writeString(dir.resolve("herald.yaml"), "services: []\n");
    assertThat(ConfigLoader.locate("", NONE, NONE, dir)).contains(dir.resolve("herald.yaml"));
    assertThat(ConfigLoader.locate("other.yaml", NONE, NONE, dir))
        .contains(dir.resolve("other.yaml"));
  }

  @Test
  void absolutePathsAreKept() {
    Path absolute = dir.resolve("x/herald.yaml").toAbsolutePath();
    assertThat(ConfigLoader.locate(null, only("herald.config", absolute.toString()), NONE,
        Path.of("/somewhere/else"))).contains(absolute);
  }
}
