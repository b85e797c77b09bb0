package dev.herald.agent.config;

/**
 * What the agent does when its configuration cannot be used: key {@code on-config-error}.
 */
public enum OnConfigError {
  /** Log one clear error and let the application run without events (the default). */
  CONTINUE,
  /** Log the error and stop the JVM, for deployments that must not run unobserved. */
  EXIT;

  /** The value as written in the file: {@code continue} or {@code exit}. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
