package dev.herald.agent.instrument;

/**
 * Classes of other Java agents (OpenTelemetry's, Elastic APM's, Datadog's, ...): never services. A
 * broad pattern ({@code **Processor}) would otherwise weave their internals, whose events then come
 * from every span the other agent starts, and a plugin whose work the other agent traces (an HTTP
 * post) would make events of its own work without end. Told apart before any bytes are read: with
 * Herald given first on the command line, the other agent's thousands of classes load through
 * Herald's transformer, and reading each cost its start ~0.2 s.
 *
 * <p>Safe for concurrent use.
 */
final class OtherAgents {

  private static final String[] PACKAGES = {
      "io.opentelemetry.javaagent.", "co.elastic.apm.agent.", "datadog.trace.", "com.datadog.trace.",
      "com.newrelic.agent.", "com.newrelic.bootstrap.", "com.newrelic.weave.", "org.apache.skywalking.apm.agent.",
      "com.navercorp.pinpoint.", "org.glowroot.agent.", "com.dynatrace.", "com.appdynamics.", "com.singularity.",
      "com.contrastsecurity.agent.", "io.sentry.opentelemetry.agent."};

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
