package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spring Boot fat jar ({@code java -jar}, Boot's own class loader) with Spring Data JPA: the
 * configured repository interface is implemented by a JDK dynamic proxy that ends in {@code
 * SimpleJpaRepository}, the configured {@code @Transactional} service is called through a CGLIB
 * subclass. Each write must emit exactly once, and Spring's own log must stay as it is.
 *
 * <p>The application ({@code integration-tests/spring-boot-app}) runs once with the agent; each test
 * checks one aspect of that run. Its runner makes, in order: create Ada, create Grace, rename Ada
 * (update, which saves), create "" (refused before saving), delete Grace.
 */
class SpringBootIT {

  private static final String REPOSITORY = "org.example.boot.CustomerRepository";
  private static final String SERVICE = "org.example.boot.CustomerService";

  @TempDir
  static Path dir;

  private static Jvm.Result result;
  private static Recording recording;

  @BeforeAll
  static void runTheApplicationWithTheAgent() {
    Workspace workspace = Workspace.in(dir);
    Path config = workspace.config("""
        services:
          - class: %s
            entity: customer
            methods: { save: create, "delete*": delete }
          - class: %s
            entity: account
        """.formatted(REPOSITORY, SERVICE) + Workspace.RECORDER);
    result = Jvm.java().agent(config).jar(Artifacts.springBootApp()).workDir(dir).run(Timeouts.RUN);
    recording = workspace.recording();
  }

  @Test
  void runsAndExitsNormally() {
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.heraldLines("ERROR")).as(result.describe()).isEmpty();
  }

  @Test
  void emitsEachWriteExactlyOnceThroughTheProxies() {
    assertThat(recording.names())
        .as(recording + "\n" + result.describe())
        .containsExactly(
            // create Ada: the service (CGLIB proxy -> CustomerService) saves through the repository
            "account.before.create", "customer.before.create", "customer.after.create", "account.after.create",
            // create Grace
            "account.before.create", "customer.before.create", "customer.after.create", "account.after.create",
            // rename Ada: update saves the changed customer
            "account.before.update", "customer.before.create", "customer.after.create", "account.after.update",
            // create "": refused before the repository is called
            "account.before.create", "account.failed.create",
            // delete Grace: deleteById on the JDK proxy, SimpleJpaRepository calls its own delete
            "account.before.delete", "customer.before.delete", "customer.after.delete", "account.after.delete");
  }

  @Test
  void pairsEachBeforeWithOneOutcome() {
    assertThat(recording.byInvocation().values())
        .as(recording.toString())
        .hasSize(9)
        .allSatisfy(events -> {
          assertThat(events).hasSize(2);
          assertThat(events.get(0).isBefore()).as("first of %s", events).isTrue();
          assertThat(events.get(1).isAfter() || events.get(1).isFailed()).as("second of %s", events).isTrue();
        });
  }

  @Test
  void namesTheConfiguredTypesAndTheCalledMethods() {
    assertThat(recording.ofEntity("customer"))
        .as(recording.toString())
        .allSatisfy(event -> assertThat(event.className()).isEqualTo(REPOSITORY))
        .extracting(RecordedEvent::methodName)
        .containsOnly("save", "deleteById");
    assertThat(recording.ofEntity("account"))
        .as(recording.toString())
        .allSatisfy(event -> assertThat(event.className()).isEqualTo(SERVICE))
        .extracting(RecordedEvent::methodName)
        .containsOnly("create", "update", "delete");
    assertThat(recording.matching("account.failed.create"))
        .singleElement()
        .satisfies(failed -> assertThat(failed.errorClass()).isEqualTo(IllegalArgumentException.class.getName()));
  }

  @Test
  void keepsSpringsOwnLog() {
    List<String> lines = result.stdoutLines();
    // Boot's default console pattern: timestamp, level, pid, ---, [application] [thread], logger, message.
    String bootLine = "\\S+\\s+INFO \\d+ --- \\[herald-it-boot\\] \\[\\s*main\\] %s\\s+: %s";
    assertThat(lines)
        .as(result.describe())
        .anyMatch(line -> line.matches(bootLine.formatted("org\\.example\\.boot\\.BootApp", "Started BootApp in .*")))
        .anyMatch(line -> line.matches(bootLine.formatted("org\\.example\\.boot\\.SignupRunner",
            "service class org\\.example\\.boot\\.CustomerService\\$\\$SpringCGLIB\\$\\$\\d+")))
        .anyMatch(line -> line.matches(bootLine.formatted("org\\.example\\.boot\\.SignupRunner", "customers left: 1")))
        .noneMatch(line -> line.contains("[herald]"));
    assertThat(result.heraldLines())
        .as("the agent's lines never take Spring's log format:\n" + result.describe())
        .noneMatch(line -> line.contains(" --- [herald-it-boot] "));
  }
}
