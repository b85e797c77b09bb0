package dev.herald.agent.config;

import static dev.herald.agent.config.Configs.at;
import static dev.herald.agent.config.Configs.problem;
import static dev.herald.agent.config.Configs.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSyntaxTest {

  @Test
  void problemPrintsFileLineColumnAndMessage() {
    assertThat(new ConfigException.Problem(Path.of("herald.yaml"), 12, 5, "bad").toString())
        .isEqualTo("herald.yaml:12:5: bad");
    assertThat(new ConfigException.Problem(Path.of("conf/herald.yaml"), 0, 0, "is empty")
        .toString()).isEqualTo("conf/herald.yaml: is empty");
  }

  @Test
  void yamlSyntaxErrorIsOneLineWithPosition() {
    assertThat(at(problem("bus:\n  threads: 2\n  overflow: a: b\n")))
        .isEqualTo("3:14: YAML syntax error: a ':' followed by a space cannot start a mapping here;"
            + " quote a value that contains ': ', or put a key on a line of its own");
    assertThat(at(problem("services:\n  - class: a.B\n  entity: b\n")))
        .isEqualTo("3:3: YAML syntax error: 'entity' is indented unlike the entries of the block started"
            + " at line 2, column 3: to make it a key of that list item, line it up with 'class' (column 5)");
    assertThat(at(problem("services:\n  - class: a.B\n   entity: b\n")))
        .isEqualTo("3:4: YAML syntax error: 'entity' is indented unlike the entries of the block started"
            + " at line 2, column 3: to make it a key of that list item, line it up with 'class' (column 5)");
    assertThat(at(problem("bus:\n    threads: 2\n  overflow: block\n")))
        .isEqualTo("3:3: YAML syntax error: 'overflow' is indented unlike the entries of the block started"
            + " at line 1, column 1: line it up with them, or indent it under one of them");
    assertThat(at(problem("services: [ { class: a.B, entity: b }\n")))
        .isEqualTo("2:1: YAML syntax error: expected ',' or ']', but got <stream end> "
            + "(while parsing a flow sequence started at line 1, column 11)");
  }

  @Test
  void anUnquotedVariableInAFlowMappingIsToldToBeQuoted() throws ConfigException {
    String hint = "YAML syntax error: inside { } or [ ], a value with ${...} must be quoted, as in \"${VAR}\""
        + " (unquoted, YAML reads its braces as a mapping)";
    assertThat(at(problem("plugins:\n  config:\n    slack: { webhook-url: ${SLACK_WEBHOOK_URL} }\n")))
        .isEqualTo("3:28: " + hint);
    assertThat(at(problem("plugins:\n  config:\n    audit: { events: [ ${EVENTS:-order.*.*} ] }\n")))
        .isEqualTo("3:25: " + hint);
    assertThat(Configs.parse("plugins:\n  config:\n    slack: { webhook-url: \"${SLACK_WEBHOOK_URL:-x}\" }\n")
        .plugins().config()).as("quoted, as the hint says").containsEntry("slack", Map.of("webhook-url", "x"));
  }

  @Test
  void aKeyIndentedDeeperThanTheLineAboveIsToldToLineUp() {
    assertThat(at(problem("services:\n  - class: a.B\n      entity: b\n")))
        .isEqualTo("3:13: YAML syntax error: 'entity' is indented deeper than the line above it, so YAML reads it"
            + " as more of that line's value; line it up with the keys above it");
    assertThat(at(problem("bus:\n  threads: 2\n    overflow: block\n")))
        .startsWith("3:13: YAML syntax error: 'overflow' is indented deeper than the line above it");
    assertThat(at(problem("bus:\n  threads: 2\n  overflow: a: b\n"))).as("not an indentation problem")
        .contains("a ':' followed by a space cannot start a mapping here");
  }

  @Test
  void aTabAndAMissingColonAreSaidInConfigTermsWhereTheyAre() {
    assertThat(at(problem("services:\n\t- class: a.B\n")))
        .isEqualTo("2:1: YAML syntax error: a tab; YAML indents with spaces only, so replace the tab with spaces");
    assertThat(at(problem("services:\n  - class com.acme.OrderService\n    entity: order\n")))
        .isEqualTo("2:5: YAML syntax error: 'class com.acme.OrderService' has no ':' after its key, so YAML reads"
            + " it and the next line as one text; write 'class: com.acme.OrderService'");
    assertThat(at(problem("bus:\n  threads 2\n  overflow: block\n")))
        .startsWith("2:3: YAML syntax error: 'threads 2' has no ':' after its key");
    assertThat(at(problem("bus:\n  threads: 2\n  overflow: a: b\n"))).as("a colon too many is not one missing")
        .contains("a ':' followed by a space cannot start a mapping here");
  }

  @Test
  void aBareStarAndAMissingSpaceAfterAColonAreSaidInConfigTerms() {
    assertThat(at(problem("services:\n  - class: a.B\n    entity: b\n    methods: { *Async: create }\n")))
        .isEqualTo("4:16: YAML syntax error: a key or value that starts with '*' must be quoted, as in '*Async'"
            + " (unquoted, YAML reads '*' as the start of an alias)");
    String noSpace = "3:5: YAML syntax error: 'entity' needs a space after its ':' (write 'entity: b')";
    assertThat(at(problem("services:\n  - class: a.B\n    entity:b\n"))).isEqualTo(noSpace);
    assertThat(at(problem("services:\n  - class: a.B\n    entity:b\n    methods: {}\n"))).isEqualTo(noSpace);
  }

  @Test
  void secondDocumentIsRefused() {
    assertThat(at(problem("services: []\n---\nbus: {}\n"))).isEqualTo("2:1: a second YAML "
        + "document starts here ('---'); a Herald config is one document");
  }

  @Test
  void tabIndentationIsASyntaxError() {
    assertThat(at(problem("bus:\n\tthreads: 2\n"))).isEqualTo("2:1: YAML syntax error: a tab; YAML indents"
        + " with spaces only, so replace the tab with spaces");
  }

  @Test
  void explicitTagsAreRefusedWhereTheyAre() {
    List<ConfigException.Problem> found = problems("""
        services:
          - class: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]
            entity: !foo account
        """);
    assertThat(found).extracting(Configs::at).contains(
        "2:12: tag '!!javax.script.ScriptEngineManager' is not allowed; Herald reads plain YAML "
            + "values and never constructs types from tags",
        "2:48: tag '!!java.net.URLClassLoader' is not allowed; Herald reads plain YAML values and "
            + "never constructs types from tags",
        "3:13: tag '!foo' is not allowed; Herald reads plain YAML values and never constructs "
            + "types from tags");
  }

  @Test
  void topLevelMustBeAMapping() {
    assertThat(at(problem("- class: a.B\n  entity: b\n"))).isEqualTo("1:1: expected a mapping of "
        + "settings at the top level (services, bus, plugins, ...), found a list");
    assertThat(at(problem("just text\n"))).isEqualTo("1:1: expected a mapping of settings at the "
        + "top level (services, bus, plugins, ...), found 'just text'");
  }

  @Test
  void duplicateKeysNameTheFirstLine() {
    assertThat(at(problem("services: []\nbus: {}\nbus: { threads: 2 }\n")))
        .isEqualTo("3:1: duplicate key 'bus' (first at line 2)");
    assertThat(at(problem("bus:\n  threads: 2\n  threads: 3\n")))
        .isEqualTo("3:3: duplicate key 'threads' in bus (first at line 2)");
  }

  @Test
  void unknownKeySuggestsTheNearestKnownKey() {
    assertThat(at(problem("services:\n  - class: a.B\n    entity: b\n    enabeld: true\n")))
        .isEqualTo("4:5: unknown key 'enabeld' in services[0]; did you mean 'enabled'?");
    assertThat(problem("buss: {}\n").message())
        .isEqualTo("unknown key 'buss' at the top level; did you mean 'bus'?");
    assertThat(problem("bus: { queue: 5 }\n").message())
        .isEqualTo("unknown key 'queue' in bus; did you mean 'queue-capacity'?");
    assertThat(problem("bus: { queueCapacity: 5 }\n").message())
        .isEqualTo("unknown key 'queueCapacity' in bus; did you mean 'queue-capacity'?");
    assertThat(problem("on-config-errors: exit\n").message())
        .isEqualTo("unknown key 'on-config-errors' at the top level; did you mean "
            + "'on-config-error'?");
  }

  @Test
  void unknownKeyWithNothingNearListsTheKnownKeys() {
    assertThat(problem("log: { colour: red }\n").message())
        .isEqualTo("unknown key 'colour' in log; known keys: level, format, file");
  }

  @Test
  void keysMustBeNames() {
    assertThat(at(problem("bus:\n  ? [a, b]\n  : 1\n")))
        .isEqualTo("2:5: expected a key name in bus, found a list");
  }

  @Test
  void sectionOfTheWrongShapeSaysWhatItExpected() {
    assertThat(at(problem("bus: fast\n")))
        .isEqualTo("1:6: bus: expected a mapping of bus settings, found 'fast'");
    assertThat(at(problem("services: { class: a.B }\n"))).isEqualTo("1:11: services: expected a "
        + "list of entries ('- class: ...'), found a mapping");
  }

  @Test
  void allProblemsAreReportedInFileOrder() {
    ConfigException e = Configs.failure("""
        bus:
          threads: 0
          overflow: drop
        services:
          - { class: "a b", entity: x }
          - { entity: y }
        colour: red
        """, Map.of());
    assertThat(e.problems()).extracting(ConfigException.Problem::line)
        .containsExactly(2, 3, 5, 6, 7);
    assertThat(e.getMessage().lines()).hasSize(5);
    assertThat(e.onConfigError()).isEqualTo(OnConfigError.CONTINUE);
  }

  @Test
  void onConfigErrorIsHonouredEvenWhenTheFileDoesNotParse() {
    ConfigException e = Configs.failure("on-config-error: exit\nbus: [\n", Map.of());
    assertThat(e.onConfigError()).isEqualTo(OnConfigError.EXIT);
    ConfigException valid = Configs.failure("bus: { threads: x }\non-config-error: exit\n",
        Map.of());
    assertThat(valid.onConfigError()).isEqualTo(OnConfigError.EXIT);
    // case is ignored here as it is when the file parses
    assertThat(Configs.failure("on-config-error: EXIT\nbus: [\n", Map.of()).onConfigError())
        .isEqualTo(OnConfigError.EXIT);
  }

  @Test
  void recursiveAliasInPluginConfigIsStopped() {
    assertThat(problems("plugins:\n  config:\n    p: { loop: &a [*a] }\n"))
        .extracting(ConfigException.Problem::message)
        .anyMatch(m -> m.contains("nested more than 32 levels deep (a recursive alias?)"));
  }

  @Test
  void keySuggestionsUseEditDistance() {
    assertThat(KeySuggestions.distance("enity", "entity")).isEqualTo(1);
    assertThat(KeySuggestions.distance("", "abc")).isEqualTo(3);
    assertThat(KeySuggestions.nearest("xyzzy", ServicesReader.KEYS)).isEmpty();
    assertThat(KeySuggestions.nearest("method", ServicesReader.KEYS)).contains("methods");
  }
}
