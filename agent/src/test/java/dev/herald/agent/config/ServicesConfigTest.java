package dev.herald.agent.config;

import static dev.herald.agent.config.Configs.at;
import static dev.herald.agent.config.Configs.parse;
import static dev.herald.agent.config.Configs.problem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServicesConfigTest {

  private static String service(String body) {
    return "services:\n  - " + body + "\n";
  }

  @Test
  void readsAnEntryWithEveryKey() throws ConfigException {
    ServiceEntry entry = parse("""
        services:
          - class: com.acme.*.Order?Service
            entity: order
            methods: { placeOrder: create, "cancel*": delete }
            defaults: false
            enabled: false
        """).services().get(0);
    assertThat(entry.index()).isZero();
    assertThat(entry.line()).isEqualTo(2);
    assertThat(entry.classPattern()).isEqualTo("com.acme.*.Order?Service");
    assertThat(entry.isGlob()).isTrue();
    assertThat(entry.entity()).isEqualTo("order");
    assertThat(entry.methods()).containsExactly(Map.entry("placeOrder", "create"),
        Map.entry("cancel*", "delete"));
    assertThat(entry.defaults()).isFalse();
    assertThat(entry.enabled()).isFalse();
  }

  @Test
  void defaultsAndEnabledAreTrueUnlessSaid() throws ConfigException {
    ServiceEntry entry = parse(service("{ class: a.B, entity: b }")).services().get(0);
    assertThat(entry.defaults()).isTrue();
    assertThat(entry.enabled()).isTrue();
    assertThat(entry.methods()).isEmpty();
    assertThat(entry.isGlob()).isFalse();
  }

  @Test
  void servicesMayBeEmptyOrAbsent() throws ConfigException {
    assertThat(parse("services: []\n").services()).isEmpty();
    assertThat(parse("services:\n").services()).isEmpty();
    assertThat(parse("bus: {}\n").services()).isEmpty();
  }

  @Test
  void entriesKeepTheirPositions() throws ConfigException {
    assertThat(parse("""
        services:
          - { class: a.B, entity: b }

          - class: a.C
            entity: c
        """).services()).extracting(ServiceEntry::index, ServiceEntry::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 2),
            org.assertj.core.groups.Tuple.tuple(1, 4));
  }

  @Test
  void classAndEntityAreRequired() {
    assertThat(at(problem(service("{ entity: b }"))))
        .isEqualTo("2:5: services[0]: missing 'class' (the class name or glob to instrument)");
    assertThat(at(problem(service("class: a.B"))))
        .isEqualTo("2:5: services[0]: missing 'entity' (the event prefix, or auto)");
  }

  @Test
  void entryMustBeAMapping() {
    assertThat(at(problem(service("com.acme.Foo")))).isEqualTo(
        "2:5: services[0]: expected a mapping with 'class' and 'entity', found 'com.acme.Foo'");
    assertThat(at(problem("services:\n  -\n"))).isEqualTo(
        "2:4: services[0]: expected a mapping with 'class' and 'entity', found nothing");
  }

  @Test
  void badClassGlobsSayWhatIsWrong() {
    String expected = "expected a class name or glob like com.acme.*Service, found ";
    assertThat(at(problem(service("{ class: '', entity: b }"))))
        .isEqualTo("2:14: services[0].class: " + expected + "nothing");
    assertThat(problem(service("{ class: com.acme. Foo, entity: b }")).message())
        .isEqualTo("services[0].class: " + expected + "'com.acme. Foo': it contains a space at "
            + "position 10");
    assertThat(problem(service("{ class: com.acme.Foo-Bar, entity: b }")).message())
        .isEqualTo("services[0].class: " + expected + "'com.acme.Foo-Bar': '-' is not allowed in "
            + "a Java class name");
    assertThat(problem(service("{ class: com..Foo, entity: b }")).message())
        .isEqualTo("services[0].class: " + expected + "'com..Foo': '..' leaves a package name "
            + "empty");
    assertThat(problem(service("{ class: com/acme/Foo, entity: b }")).message())
        .endsWith("'/' is not allowed; separate packages with '.'");
    assertThat(problem(service("{ class: com.1acme.Foo, entity: b }")).message())
        .endsWith("'1acme' does not start with a letter");
    assertThat(problem(service("{ class: com.***, entity: b }")).message())
        .endsWith("'***' is not a wildcard; use '*' within a package or '**' across packages");
    assertThat(problem(service("{ class: com.acme., entity: b }")).message())
        .endsWith("it starts or ends with '.'");
  }

  @Test
  void badEntityAndOperationNames() {
    assertThat(at(problem(service("{ class: a.B, entity: 'or.der' }")))).isEqualTo(
        "2:27: services[0].entity: expected an entity name (letters, digits, '_', '-') or auto, "
            + "found 'or.der': '.' is not allowed (letters, digits, '_' and '-' only)");
    assertThat(at(problem("""
        services:
          - class: a.B
            entity: b
            methods:
              place: 'create order'
        """))).isEqualTo("5:14: services[0].methods.place: expected an operation name (letters, "
            + "digits, '_', '-'), found 'create order': ' ' is not allowed (letters, digits, '_' "
            + "and '-' only)");
  }

  @Test
  void badMethodGlob() throws ConfigException {
    assertThat(at(problem("""
        services:
          - class: a.B
            entity: b
            methods: { place.order: create }
        """))).isEqualTo("4:16: services[0].methods: expected a method name or glob (letters, "
            + "digits, '_', '$', '-', '*', '?'), found 'place.order': '.' is not allowed in a method "
            + "name");
    assertThat(parse("""
        services:
          - class: a.B
            entity: b
            methods: { "upsert-*": upsert, "delete$*": delete }
        """).services().get(0).methods()).as("Kotlin's mangled names: a value-class parameter, an internal function")
        .containsKeys("upsert-*", "delete$*");
    assertThat(problem(service("{ class: a.B, entity: b, methods: [create] }")).message())
        .isEqualTo("services[0].methods: expected a mapping of method name or glob to operation "
            + "({ placeOrder: create }), found a list");
  }

  @Test
  void booleansMustBeTrueOrFalse() {
    assertThat(at(problem("""
        services:
          - { class: a.B, entity: b }
          - { class: a.C, entity: c, enabled: yes please }
        """))).isEqualTo("3:39: services[1].enabled: expected true or false, found 'yes please'");
    assertThat(problem(service("{ class: a.B, entity: b, defaults: 1 }")).message())
        .isEqualTo("services[0].defaults: expected true or false, found '1'");
  }

  @Test
  void everyBadEntryIsReported() {
    assertThat(Configs.problems("""
        services:
          - { class: a.B }
          - { entity: c }
          - { class: a.D, entity: d }
          - { class: 'a.E!', entity: e }
        """)).extracting(ConfigException.Problem::line).containsExactly(2, 3, 5);
  }
}
