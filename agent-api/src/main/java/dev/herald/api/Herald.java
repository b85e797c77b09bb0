package dev.herald.api;

/**
 * The entry point for application code: the one {@link EventBus} of this JVM.
 *
 * <p>With the agent, the API classes live on the bootstrap class path, so code in any class
 * loader (the application's, a Spring Boot fat jar's, a web application's) gets the same bus.
 * Without the agent, {@link #bus()} still answers with a bus that delivers nothing, so code that
 * publishes or subscribes runs unchanged, and {@link #installed()} is false.
 *
 * <p>Safe for concurrent use.
 */
public final class Herald {

  // Set once by the agent, reflectively (the agent lives in another class loader and this API must
  // not depend on it); volatile so that every thread sees the installed bus.
  private static volatile EventBus bus = NoOpEventBus.INSTANCE;

  private Herald() {}

  /** The JVM's bus: the agent's when it runs, otherwise one that delivers nothing. Never null. */
  public static EventBus bus() {
    return bus;
  }

  /** True when the Herald agent is running in this JVM and its bus delivers events. */
  public static boolean installed() {
    return bus != NoOpEventBus.INSTANCE;
  }

  @SuppressWarnings("unused") // called by the agent, reflectively
  private static void install(EventBus installed) {
    bus = installed == null ? NoOpEventBus.INSTANCE : installed;
  }
}
