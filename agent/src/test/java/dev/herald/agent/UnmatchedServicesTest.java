package dev.herald.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.agent.config.ServiceEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnmatchedServicesTest {

  private static ServiceEntry entry(int index, String pattern) {
    return new ServiceEntry(index, index + 2, pattern, "x", Map.of(), true, true);
  }

  @Test
  void keepsOnlyTheEntriesNoLoadedClassMatches() {
    ServiceEntry exact = entry(0, UnmatchedServicesTest.class.getName());
    ServiceEntry misspelt = entry(1, "dev.herald.agent.UnmatchedServiceTest");
    ServiceEntry glob = entry(2, "dev.herald.agent.Unmatched*");
    ServiceEntry globOfNothing = entry(3, "com.nowhere.*Service");
    Class<?>[] loaded = {String.class, UnmatchedServicesTest.class, UnmatchedServices.class};

    assertThat(UnmatchedServices.of(List.of(exact, misspelt, glob, globOfNothing), loaded))
        .containsExactly(misspelt, globOfNothing);
  }

  @Test
  void aNameSeenLoadingEarlierCountsThoughItsClassIsGoneByExit() {
    ServiceEntry exact = entry(0, "com.acme.OrderService");
    ServiceEntry glob = entry(1, "com.acme.*Service");
    ServiceEntry never = entry(2, "com.acme.RefundService");

    assertThat(UnmatchedServices.of(List.of(exact, glob, never), new Class<?>[] {String.class},
        java.util.Set.of("com.acme.OrderService")))
        .as("a web application undeployed before the JVM exits took its classes with it")
        .containsExactly(never);
  }

  @Test
  void aClassOfTheJdkNamedInAnEntryIsNotTakenForTheApplications() {
    // the bootstrap loader's classes are never instrumented, so they do not count as a match
    assertThat(UnmatchedServices.of(List.of(entry(0, "java.lang.String")), new Class<?>[] {String.class}))
        .hasSize(1);
  }

  @Test
  void saysThatAJdkClassIsNeverInstrumentedRatherThanNotLoaded() {
    Path file = Path.of("/etc/shop/herald.yaml");

    assertThat(UnmatchedServices.platformMessage(file, entry(0, "java.util.ArrayList")))
        .isEqualTo("/etc/shop/herald.yaml:2: services[0]: 'java.util.ArrayList' names a class of the JDK (or of"
            + " Herald or another Java agent), which Herald never instruments, so it sends no events; configure the application's own"
            + " class that makes the call instead");
    assertThat(UnmatchedServices.notLoadedYet(file, entry(1, "java.util.*").addedAt(1)))
        .startsWith("services[1] (added over JMX): 'java.util.*' names only classes of the JDK");
  }

  @Test
  void namesTheFileAndLineOfAnEntryFromTheFileAndNoLineForOneAddedOverJmx() {
    Path file = Path.of("/etc/shop/herald.yaml");
    ServiceEntry fromFile = entry(1, "com.acme.AcountService");

    assertThat(UnmatchedServices.message(file, fromFile))
        .startsWith("/etc/shop/herald.yaml:3: services[1]: no class named 'com.acme.AcountService' was loaded")
        .contains("check /etc/shop/herald.yaml");
    assertThat(UnmatchedServices.notUsedMessage(file, fromFile))
        .startsWith("/etc/shop/herald.yaml:3: services[1]: class 'com.acme.AcountService' exists but was not")
        .doesNotContain("check");
    assertThat(UnmatchedServices.message(file, fromFile.addedAt(4)))
        .startsWith("services[4] (added over JMX): no class named 'com.acme.AcountService' was loaded")
        .doesNotContain("herald.yaml");
  }

  @Test
  void aConfigOfThousandsOfEntriesGetsTwentyLinesAndACountAtExit() {
    List<ServiceEntry> entries = new java.util.ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      entries.add(entry(i, "com.acme.generated.Service" + i));
    }
    ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) dev.herald.agent.log.AgentLog.get(
        UnmatchedServicesTest.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
        new ch.qos.logback.core.read.ListAppender<>();
    lines.setContext(log.getLoggerContext());
    lines.start();
    log.addAppender(lines);
    try {
      UnmatchedServices.warn(log, Path.of("/etc/shop/herald.yaml"), entries, new Class<?>[] {String.class},
          java.util.Set.of());
    } finally {
      log.detachAppender(lines);
    }

    assertThat(lines.list).hasSize(UnmatchedServices.MAX_LINES + 1);
    assertThat(lines.list.get(UnmatchedServices.MAX_LINES).getFormattedMessage()).isEqualTo("/etc/shop/herald.yaml:"
        + " and 980 more services entries matched no loaded class in this run; `java -jar herald-agent.jar check`"
        + " lists what each entry matches");
  }
}
