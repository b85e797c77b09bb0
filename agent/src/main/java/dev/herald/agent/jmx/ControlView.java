package dev.herald.agent.jmx;

import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.RuntimeOperationsException;
import javax.management.StandardMBean;

/**
 * The {@link ControlMXBean}: hands each operation to the agent and turns refusals into JMX
 * errors that carry the message, since a JMX console shows a failure's message, not its log line.
 */
final class ControlView implements ControlMXBean {

  private final AgentControl control;

  ControlView(AgentControl control) {
    this.control = control;
  }

  /**
   * The bean to register: this view with its operations' parameters named as in {@link
   * ControlMXBean} (a console shows {@code classPattern}, not {@code p0}; the JVM keeps no
   * parameter names unless compiled with {@code -parameters}).
   */
  static StandardMBean mbean(AgentControl control) {
    return new StandardMBean(new ControlView(control), ControlMXBean.class, true) {
      @Override
      protected String getParameterName(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        return switch (op.getName()) {
          case "enableService", "disableService", "removeService" -> "classPattern";
          case "addService" -> "entryYaml";
          case "stopPlugin", "startPlugin", "restartPlugin" -> "name";
          default -> super.getParameterName(op, param, sequence);
        };
      }
    };
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
