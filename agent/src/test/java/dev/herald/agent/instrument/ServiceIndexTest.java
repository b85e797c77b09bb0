package dev.herald.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which names are the JDK's, Herald's or other agents', never instrumented, and which services entries can name only those. */
class ServiceIndexTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "java.util.ArrayList, true",
    "javax.crypto.Cipher, true",
    "javax.xml.parsers.DocumentBuilder, true",
    "javax.security.auth.Subject, true",
    "javax.transaction.xa.XAResource, true",
    "jdk.internal.misc.Unsafe, true",
    "dev.herald.agent.HeraldAgent, true",
    // libraries in javax packages that are not the JDK's: application classes like any other
    "javax.persistence.EntityManager, false",
    "javax.servlet.http.HttpServlet, false",
    "javax.transaction.UserTransaction, false",
    "javax.annotation.PostConstruct, false",
    "javax.foo.FooService, false",
    "jdk.proxy2.$Proxy12, false",
    "com.sun.proxy.$Proxy3, false",
    "com.acme.OrderService, false",
    // other Java agents' own classes, but not everything of their vendors' domains
    "io.opentelemetry.javaagent.shaded.instrumentation.thread.internal.ThreadDetailsSpanProcessor, true",
    "co.elastic.apm.agent.impl.ElasticApmTracer, true",
    "com.singularity.ee.agent.appagent.AgentEntryPoint, true",
    "com.singularity.shop.OrderService, false",
    "com.appdynamics.shop.OrderService, false",
    "com.dynatrace.billing.InvoiceService, false",
    "io.opentelemetry.sdk.trace.SdkTracer, false",
    "datadog.trace.api.Trace, false"
  })
  void tellsThePlatformFromTheApplication(String name, boolean platform) {
    assertThat(ServiceIndex.isPlatform(name)).isEqualTo(platform);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "java.util.ArrayList, true",
    "java.util.*, true",
    "java.**, true",
    "javax.swing.J*, true",
    "dev.herald.api.*, true",
    "javax.*, false",
    "javax.persistence.EntityManager, false",
    "jdk.*, false",
    "com.sun.*, false",
    "j*, false",
    "*Service, false",
    "com.acme.*Service, false",
    "io.opentelemetry.javaagent.**, true",
    "com.singularity.**, false"
  })
  void tellsAnEntryThatCanNameOnlyPlatformClasses(String pattern, boolean onlyPlatform) {
    assertThat(ServiceIndex.namesOnlyPlatform(pattern)).isEqualTo(onlyPlatform);
  }
}
