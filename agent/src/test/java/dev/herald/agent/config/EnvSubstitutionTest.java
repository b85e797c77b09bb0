package dev.herald.agent.config;

import static dev.herald.agent.config.Configs.at;
import static dev.herald.agent.config.Configs.parse;
import static dev.herald.agent.config.Configs.problem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvSubstitutionTest {

  @Test
  void substitutesBeforeConvertingTypes() throws ConfigException {
    assertThat(parse("bus: { threads: '${N:-2}' }\n").bus().threads()).isEqualTo(2);
    assertThat(parse("bus:\n  threads: ${N:-2}\n", Map.of("N", "7")).bus().threads())
        .isEqualTo(7);
    assertThat(parse("bus:\n  block-timeout: ${T}ms\n", Map.of("T", "20")).bus().blockTimeout())
        .hasMillis(20);
  }

  @Test
  void replacesSeveralReferencesInOneScalar() throws ConfigException {
    HeraldConfig config = parse("services:\n  - { class: '${PKG}.${CLS}', entity: '${E:-x}' }\n",
        Map.of("PKG", "com.acme", "CLS", "OrderService"));
    assertThat(config.services().get(0).classPattern()).isEqualTo("com.acme.OrderService");
    assertThat(config.services().get(0).entity()).isEqualTo("x");
  }

  @Test
  void defaultAppliesToUnsetAndEmptyVariables() {
    assertThat(EnvSubstitution.apply("${A:-d}", Map.of("A", "")::get).value()).isEqualTo("d");
    assertThat(EnvSubstitution.apply("${A:-d}", Map.<String, String>of()::get).value())
        .isEqualTo("d");
    assertThat(EnvSubstitution.apply("${A}", Map.of("A", "")::get).value()).isEmpty();
    assertThat(EnvSubstitution.apply("${A:-}", Map.<String, String>of()::get).value()).isEmpty();
  }

  @Test
  void aVariableSetButEmptyIsNamedAsEmptyButAValueNeverShown() {
    assertThat(at(problem("services:\n  - class: com.acme.A\n    entity: ${ENTITY}\n", Map.of("ENTITY", ""))))
        .startsWith("3:13: services[0].entity: expected an entity name")
        .endsWith(", found the value of '${ENTITY}', which is empty");
    assertThat(at(problem("bus:\n  threads: ${N}\n", Map.of("N", "secret-ish"))))
        .endsWith("found the value of '${N}'");
  }

  @Test
  void aValueWithALineBreakOrSpacesAtAnEndIsSaidToHaveThemButNotShown() {
    // a Kubernetes Secret made from a file with a final newline
    String entity = "services:\n  - class: com.acme.A\n    entity: ${ENTITY:-order}\n";
    assertThat(at(problem(entity, Map.of("ENTITY", "order\n"))))
        .isEqualTo("3:13: services[0].entity: expected an entity name (letters, digits, '_', '-') or auto, found the"
            + " value of '${ENTITY:-order}', which ends with a line break");
    assertThat(problem(entity, Map.of("ENTITY", "order\r\n")).message()).endsWith(", which ends with a line break");
    assertThat(problem(entity, Map.of("ENTITY", "\norder")).message()).endsWith(", which starts with a line break");
    assertThat(problem(entity, Map.of("ENTITY", "or\nder")).message()).endsWith(", which holds a line break");
    assertThat(problem(entity, Map.of("ENTITY", " order")).message()).endsWith(", which has leading spaces");
    assertThat(problem(entity, Map.of("ENTITY", "order\t")).message()).endsWith(", which has trailing spaces");
    assertThat(problem(entity, Map.of("ENTITY", " order ")).message())
        .endsWith(", which has leading and trailing spaces");
    assertThat(problem(entity, Map.of("ENTITY", "or der")).message()).as("spaces inside are not at an end")
        .endsWith("found the value of '${ENTITY:-order}'");
    assertThat(problem("plugins:\n  path: ${PLUGINS}\n", Map.of("PLUGINS", "/\n")).message())
        .isEqualTo("plugins.path: the folder named by '${PLUGINS}' (its value ends with a line break) does not exist");
  }

  @Test
  void valuesAreNotTrimmed() throws ConfigException {
    assertThat(parse("plugins: { config: { p: { t: '${T}' } } }\n", Map.of("T", " a b \n")).plugins().configFor("p"))
        .containsEntry("t", " a b \n");
  }

  @Test
  void doubleDollarIsALiteral() throws ConfigException {
    assertThat(EnvSubstitution.apply("cost $${X} and $5", name -> "no").value())
        .isEqualTo("cost ${X} and $5");
    assertThat(parse("plugins: { config: { p: { t: 'a $${b}' } } }\n").plugins().configFor("p"))
        .containsEntry("t", "a ${b}");
  }

  @Test
  void keysAreNotSubstituted() throws ConfigException {
    assertThat(parse("plugins: { config: { p: { '${K}': v } } }\n", Map.of("K", "k"))
        .plugins().configFor("p")).containsOnlyKeys("${K}");
  }

  @Test
  void substitutedPluginValuesFollowTheCoreSchemaUnlessQuoted() throws ConfigException {
    Map<String, Object> p = parse("""
        plugins:
          config:
            p:
              port: ${PORT}
              name: "${PORT}"
              token: ${TOKEN:-}
        """, Map.of("PORT", "8080")).plugins().configFor("p");
    assertThat(p).containsEntry("port", 8080L).containsEntry("name", "8080")
        .containsEntry("token", "");
  }

  @Test
  void unsetVariableWithoutDefaultIsAnErrorNamingIt() {
    assertThat(at(problem("plugins:\n  config:\n    slack: { url: \"${SLACK_URL}\" }\n")))
        .isEqualTo("3:19: plugins.config.slack.url: environment variable SLACK_URL is not set and "
            + "${SLACK_URL} has no default (write ${SLACK_URL:-default})");
  }

  @Test
  void resolvedValuesNeverAppearInMessages() {
    Map<String, String> env = Map.of("SECRET", "hunter2", "PKG", "s3cr.et pkg");
    String message = Configs.failure("""
        bus: { threads: '${SECRET}', overflow: '${SECRET}', block-timeout: '${SECRET}' }
        services:
          - { class: '${PKG}', entity: '${SECRET}.x', enabled: '${SECRET}' }
        log: { level: '${SECRET}' }
        plugins: { path: '${SECRET}' }
        """, env).getMessage();
    assertThat(message).doesNotContain("hunter2").doesNotContain("s3cr").contains("'${SECRET}'")
        .contains("'${PKG}'");
    assertThat(message.lines()).hasSize(8);
  }

  @Test
  void malformedReferences() {
    assertThat(problem("bus: { overflow: '${OPEN' }\n").message())
        .isEqualTo("bus.overflow: '${' is not closed by '}' (write $${ for a literal '${')");
    assertThat(problem("bus: { overflow: '${}' }\n").message())
        .isEqualTo("bus.overflow: '${}' is not a variable reference like ${NAME} or "
            + "${NAME:-default} (a name has letters, digits and '_')");
  }
}
