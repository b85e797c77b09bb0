package dev.herald.plugin.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings a plugin's test gives reach the plugin typed as the agent's YAML loading types them. */
class TestPluginContextTest {

  @Test
  void givesNumbersTheTypesYamlGivesThem() {
    Map<String, Object> config = context(Map.of("port", 9000, "short", (short) 7, "byte", (byte) 1,
        "ratio", 0.1f, "big", 5L, "exact", 2.5)).config();

    assertThat(config.get("port")).isEqualTo(9000L);
    assertThat(config.get("short")).isEqualTo(7L);
    assertThat(config.get("byte")).isEqualTo(1L);
    assertThat(config.get("ratio")).isEqualTo(0.1); // as YAML's 0.1, not the float's 0.10000000149...
    assertThat(config.get("big")).isEqualTo(5L);
    assertThat(config.get("exact")).isEqualTo(2.5);
    // what the reviewed plugin did: it must fail in its tests, as in production
    assertThatThrownBy(() -> {
      Integer port = (Integer) config.get("port");
    }).isInstanceOf(ClassCastException.class);
  }

  @Test
  void convertsInsideNestedMapsAndListsAndMakesThemUnmodifiable() {
    Map<String, Object> nested = new HashMap<>();
    nested.put("retries", 3);
    nested.put("none", null);
    Map<String, Object> config = context(Map.of("http", nested, "ports", List.of(1, 2),
        "deep", List.of(Map.of("weight", 1.5f)), "name", "x")).config();

    @SuppressWarnings("unchecked")
    Map<String, Object> http = (Map<String, Object>) config.get("http");
    assertThat(http).containsEntry("retries", 3L).containsEntry("none", null);
    assertThat(config.get("ports")).isEqualTo(List.of(1L, 2L));
    assertThat(config.get("deep")).isEqualTo(List.of(Map.of("weight", 1.5)));
    assertThat(config.get("name")).isEqualTo("x");
    assertThatThrownBy(() -> http.put("more", 1L)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((List<?>) config.get("ports")).clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void keepsOrderAndNullValues() {
    Map<String, Object> given = new java.util.LinkedHashMap<>();
    given.put("b", 1);
    given.put("a", null);
    given.put("c", Arrays.asList(null, 2));

    Map<String, Object> config = context(given).config();

    assertThat(config.keySet()).containsExactly("b", "a", "c");
    assertThat(config.get("a")).isNull();
    assertThat(config.get("c")).isEqualTo(Arrays.asList(null, 2L));
  }

  private static TestPluginContext context(Map<String, Object> config) {
    return new TestPluginContext(new TestBus(), config, Path.of("."));
  }
}
