package dev.herald.agent.config;

import static dev.herald.agent.config.Configs.at;
import static dev.herald.agent.config.Configs.parse;
import static dev.herald.agent.config.Configs.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsConfigTest {

  @TempDir Path dir;

  @Test
  void readsEveryBusSetting() throws ConfigException {
    BusSettings bus = parse("""
        bus:
          queue-capacity: 0x400
          overflow: drop-oldest
          block-timeout: 0
          threads: 64
          shutdown-timeout: 2m
        """).bus();
    assertThat(bus).isEqualTo(new BusSettings(1024, "drop-oldest", Duration.ZERO, 64,
        Duration.ofMinutes(2)));
  }

  @Test
  void absentBusSettingsTakeTheDefaults() throws ConfigException {
    assertThat(parse("bus: { threads: 4 }\n").bus())
        .isEqualTo(new BusSettings(8192, "block", Duration.ofMillis(50), 4, Duration.ofSeconds(5)));
    assertThat(parse("services: []\n").bus()).isEqualTo(BusSettings.DEFAULTS);
  }

  @Test
  void numbersOutOfRangeOrNotNumbers() {
    assertThat(at(problem("bus:\n  queue-capacity: 16777217\n"))).isEqualTo("2:19: "
        + "bus.queue-capacity: out of range; expected a whole number from 1 to 16777216, "
        + "found '16777217'");
    assertThat(problem("bus: { threads: lots }\n").message())
        .isEqualTo("bus.threads: expected a whole number from 1 to 64, found 'lots'");
    assertThat(problem("bus: { threads: 2.5 }\n").message())
        .isEqualTo("bus.threads: expected a whole number from 1 to 64, found '2.5'");
    assertThat(problem("bus: { threads: }\n").message())
        .isEqualTo("bus.threads: expected a whole number from 1 to 64, found nothing");
  }

  @Test
  void overflowMustBeOneOfThree() {
    assertThat(at(problem("bus:\n  overflow: drop\n"))).isEqualTo("2:13: bus.overflow: expected "
        + "block, drop-newest or drop-oldest, found 'drop'");
  }

  @Test
  void durationsTakeAUnit() throws ConfigException {
    assertThat(parse("bus: { block-timeout: 250ms }\n").bus().blockTimeout()).hasMillis(250);
    assertThat(parse("bus: { block-timeout: 5s }\n").bus().blockTimeout()).hasSeconds(5);
    assertThat(parse("bus: { block-timeout: 1h }\n").bus().blockTimeout()).hasHours(1);
    for (String bad : List.of("5", "-5s", "1.5s", "5 sec", "fast", "99999999999999999h")) {
      assertThat(problem("bus: { shutdown-timeout: " + bad + " }\n").message())
          .as(bad).isEqualTo("bus.shutdown-timeout: expected a duration like 50ms or 5s "
              + "(units ms, s, m, h), found '" + bad + "'");
    }
  }

  @Test
  void pluginFolderDefaultsToPluginsBesideTheFileWhenItExists() throws Exception {
    Path file = dir.resolve("herald.yaml");
    PluginSettings none = ConfigLoader.parse("services: []\n", file, n -> null).plugins();
    assertThat(none.path()).isNull();
    assertThat(none.pathExplicit()).isFalse();
    assertThat(none.startTimeout()).isEqualTo(PluginSettings.DEFAULT_START_TIMEOUT);
    Files.createDirectory(dir.resolve("plugins"));
    assertThat(ConfigLoader.parse("services: []\n", file, n -> null).plugins().path())
        .isEqualTo(dir.resolve("plugins").toAbsolutePath());
  }

  @Test
  void pluginsStartDeferredUnlessTheFileSaysImmediate() throws Exception {
    Path file = dir.resolve("herald.yaml");
    assertThat(ConfigLoader.parse("services: []\n", file, n -> null).plugins().deferStart()).isTrue();
    assertThat(ConfigLoader.parse("plugins: { start: deferred }\n", file, n -> null).plugins().deferStart())
        .isTrue();
    assertThat(ConfigLoader.parse("plugins: { start: Immediate }\n", file, n -> null).plugins().deferStart())
        .isFalse();

    ConfigException bad = Configs.failureAt(file, "plugins:\n  start: later\n");
    assertThat(at(bad.problems().get(0)))
        .isEqualTo("2:10: plugins.start: expected deferred or immediate, found 'later'");
  }

  @Test
  void explicitPluginFolderMustExist() throws Exception {
    Path file = dir.resolve("herald.yaml");
    Files.createDirectories(dir.resolve("lib/ext"));
    PluginSettings plugins = ConfigLoader.parse("plugins: { path: lib/ext, start-timeout: 1s }\n",
        file, n -> null).plugins();
    assertThat(plugins.path()).isEqualTo(dir.resolve("lib/ext").toAbsolutePath());
    assertThat(plugins.pathExplicit()).isTrue();
    assertThat(plugins.startTimeout()).hasSeconds(1);

    ConfigException missing = Configs.failureAt(file, "plugins:\n  path: nowhere\n");
    assertThat(at(missing.problems().get(0))).isEqualTo("2:9: plugins.path: folder 'nowhere' ("
        + dir.resolve("nowhere").toAbsolutePath() + ") does not exist");
    Files.writeString(dir.resolve("afile"), "x");
    ConfigException notFolder = Configs.failureAt(file, "plugins: { path: afile }\n");
    assertThat(notFolder.problems().get(0).message()).endsWith(") is not a folder");
  }

  @Test
  void pluginConfigBecomesPlainUnmodifiableJavaValues() throws ConfigException {
    Map<String, Object> settings = parse("""
        plugins:
          config:
            demo:
              text: hello
              quoted-number: "42"
              number: 42
              hex: 0x1F
              ratio: 0.5
              flag: true
              nothing: ~
              list: [a, 1, false]
              nested: { deeper: { key: value } }
            empty:
        """).plugins().configFor("demo");
    assertThat(settings).containsEntry("text", "hello").containsEntry("quoted-number", "42")
        .containsEntry("number", 42L).containsEntry("hex", 31L).containsEntry("ratio", 0.5)
        .containsEntry("flag", true).containsEntry("nothing", null)
        .containsEntry("list", List.of("a", 1L, false))
        .containsEntry("nested", Map.of("deeper", Map.of("key", "value")));
    assertThat(settings.keySet()).startsWith("text", "quoted-number", "number");
    assertThatThrownBy(() -> settings.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((List<?>) settings.get("list")).clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void pluginWithoutConfigGetsAnEmptyMap() throws ConfigException {
    PluginSettings plugins = parse("plugins: { config: { empty: } }\n").plugins();
    assertThat(plugins.config()).containsOnlyKeys("empty");
    assertThat(plugins.configFor("empty")).isEmpty();
    assertThat(plugins.configFor("absent")).isEmpty();
  }

  @Test
  void pluginConfigMustBeMappings() {
    assertThat(problem("plugins: { config: { slack: on } }\n").message()).isEqualTo(
        "plugins.config.slack: expected a mapping of the plugin's settings, found 'on'");
    assertThat(problem("plugins: { config: { p: { a: 1, a: 2 } } }\n").message())
        .isEqualTo("duplicate key 'a' in plugins.config.p (first at line 1)");
    assertThat(problem("plugins: { config: { p: { n: 99999999999999999999 } } }\n").message())
        .isEqualTo("plugins.config.p.n: expected a number that fits 64 bits, found "
            + "'99999999999999999999'; quote it to keep it as text");
  }

  @Test
  void contextNamesMdcKeys() throws ConfigException {
    assertThat(parse("context: { mdc: { actor: who, trace-id: tid } }\n").context())
        .isEqualTo(new ContextSettings("who", null, "tid"));
    assertThat(parse("services: []\n").context()).isEqualTo(ContextSettings.NONE);
    assertThat(problem("context: { mdc: { user: u } }\n").message())
        .isEqualTo("unknown key 'user' in context.mdc; did you mean 'user-id'?");
    assertThat(problem("context: { mdc: { actor: '' } }\n").message())
        .isEqualTo("context.mdc.actor: expected the name of an MDC key, found nothing");
  }

  @Test
  void logLevelAndFile() throws Exception {
    Path file = dir.resolve("conf/herald.yaml");
    LogSettings log = ConfigLoader.parse("log: { level: INFO, file: logs/herald.log }\n", file,
        n -> null).log();
    assertThat(log).isEqualTo(new LogSettings("info", null, dir.resolve("conf/logs/herald.log")
        .toAbsolutePath()));
    assertThat(parse("services: []\n").log()).isEqualTo(LogSettings.UNCHANGED);
    assertThat(problem("log: { level: verbose }\n").message())
        .isEqualTo("log.level: expected error, warn, info, debug or trace, found 'verbose'");
  }

  @Test
  void logFormatIsTextOrJsonAndABadOneNamesItsLineAndTheChoices() throws ConfigException {
    assertThat(parse("log: { format: JSON }\n").log()).isEqualTo(new LogSettings(null, "json", null));
    assertThat(parse("log:\n  level: warn\n  format: text\n").log())
        .isEqualTo(new LogSettings("warn", "text", null));
    assertThat(parse("log: { level: debug }\n").log().format()).as("left out: the format Herald started with")
        .isNull();
    assertThat(Configs.failureAt(dir.resolve("herald.yaml"), "log:\n  level: info\n  format: logfmt\n"))
        .hasMessage(dir.resolve("herald.yaml") + ":3:11: log.format: expected text or json, found 'logfmt'");
    assertThat(problem("log: { formats: json }\n").message()).contains("'format'");
  }

  @Test
  void onConfigErrorAndReload() throws ConfigException {
    HeraldConfig config = parse("on-config-error: exit\nreload: true\nreload-interval: 10s\n");
    assertThat(config.onConfigError()).isEqualTo(OnConfigError.EXIT);
    assertThat(config.reload()).isTrue();
    assertThat(config.reloadInterval()).hasSeconds(10);
    HeraldConfig defaults = parse("services: []\n");
    assertThat(defaults.onConfigError()).isEqualTo(OnConfigError.CONTINUE);
    assertThat(defaults.reload()).isFalse();
    assertThat(defaults.reloadInterval()).hasSeconds(2);
    assertThat(problem("on-config-error: stop\n").message())
        .isEqualTo("on-config-error: expected continue or exit, found 'stop'");
    assertThat(problem("reload: sometimes\n").message())
        .isEqualTo("reload: expected true or false, found 'sometimes'");
    assertThat(problem("reload-interval: 0\n").message())
        .isEqualTo("reload-interval: expected a duration above 0 like 500ms or 2s, found '0'");
  }

  @Test
  void emptyConfigHasNoServicesAndDefaults() {
    HeraldConfig empty = HeraldConfig.empty(Path.of("herald.yaml"));
    assertThat(empty.services()).isEmpty();
    assertThat(empty.bus()).isEqualTo(BusSettings.DEFAULTS);
    assertThat(empty.plugins()).isEqualTo(PluginSettings.NONE);
    assertThat(empty.onConfigError()).isEqualTo(OnConfigError.CONTINUE);
    assertThat(empty.reload()).isFalse();
  }

  @Test
  void settingsRecordsRefuseValuesOutOfBounds() {
    assertThatThrownBy(() -> new BusSettings(0, "block", Duration.ZERO, 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BusSettings(1, "drop", Duration.ZERO, 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BusSettings(1, "block", Duration.ofMillis(-1), 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
