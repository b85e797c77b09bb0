package dev.herald.agent.jmx;

import javax.management.RuntimeOperationsException;

/**
 * The {@link ControlMXBean}: hands each operation to the agent and turns refusals into JMX
 * errors that carry the message, since a JMX console shows a failure's message, not its log line.
 */
final class ControlView implements ControlMXBean {

  private final AgentControl control;

  ControlView(AgentControl control) {
    this.control = control;
  }

  @Override
  public String[] getServices() {
    return control.services().toArray(String[]::new);
  }

  @Override
  public String[] getPlugins() {
    return control.plugins().toArray(String[]::new);
  }

  @Override
  public String reload() {
    return call(control::reload);
  }

  @Override
  public String enableService(String classPattern) {
    return call(() -> control.setServiceEnabled(classPattern, true));
  }

  @Override
  public String disableService(String classPattern) {
    return call(() -> control.setServiceEnabled(classPattern, false));
  }

  @Override
  public String addService(String entryYaml) {
    return call(() -> control.addService(entryYaml));
  }

  @Override
  public String removeService(String classPattern) {
    return call(() -> control.removeService(classPattern));
  }

  @Override
  public String stopPlugin(String name) {
    return call(() -> control.stopPlugin(name));
  }

  @Override
  public String startPlugin(String name) {
    return call(() -> control.startPlugin(name));
  }

  @Override
  public String restartPlugin(String name) {
    return call(() -> control.restartPlugin(name));
  }

  @Override
  public String rescanPlugins() {
    return call(control::rescanPlugins);
  }

  private static String call(java.util.function.Supplier<String> operation) {
    try {
      return operation.get();
    } catch (IllegalArgumentException | IllegalStateException refused) {
      // Only JDK exception types cross to a remote console; its message is what the operator reads.
      throw new RuntimeOperationsException(new IllegalArgumentException(refused.getMessage()),
          refused.getMessage());
    }
  }
}
