package dev.herald.agent.instrument;

/**
 * Classes of other Java agents (OpenTelemetry's, Elastic APM's, Datadog's, ...): never services
 * ({@link ServiceIndex#isPlatform} counts them in, so that a services entry naming one is told). A
 * broad pattern ({@code **Processor}) would otherwise weave their internals, whose events then come
 * from every span the other agent starts, and a plugin whose work the other agent traces (an HTTP
 * post) would make events of its own work without end. Told apart before any bytes are read: with
 * Herald given first on the command line, the other agent's thousands of classes load through
 * Herald's transformer, and reading each cost its start ~0.2 s.
 *
 * <p>Safe for concurrent use.
 */
final class OtherAgents {

  // The agents' own packages only, not their vendors' (com.appdynamics., com.dynatrace.): an
  // application, or a vendor's SDK it uses, may live there. Checked against each agent's jar layout.
  private static final String[] PACKAGES = {
      "io.opentelemetry.javaagent.", "co.elastic.apm.agent.", "datadog.trace.agent.", "datadog.trace.bootstrap.",
      "datadog.trace.instrumentation.", "com.newrelic.agent.", "com.newrelic.bootstrap.", "com.newrelic.weave.",
      "org.apache.skywalking.apm.agent.", "com.navercorp.pinpoint.bootstrap.", "com.navercorp.pinpoint.profiler.",
      "org.glowroot.agent.", "com.singularity.ee.agent.", "com.contrastsecurity.agent."};

  /** Whether a class loader's class is another agent's: such a loader holds only that agent's classes. */
  private static final ClassValue<Boolean> AGENT_LOADERS = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> loaderClass) {
      return isAgentClass(loaderClass.getName());
    }
  };

  private OtherAgents() {}

  /** True if {@code className} is in a package of a known Java agent. */
  static boolean isAgentClass(String className) {
    for (String prefix : PACKAGES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** True if {@code loader} is one of another agent's (OpenTelemetry's AgentClassLoader, say). */
  static boolean owns(ClassLoader loader) {
    return AGENT_LOADERS.get(loader.getClass());
  }
}
