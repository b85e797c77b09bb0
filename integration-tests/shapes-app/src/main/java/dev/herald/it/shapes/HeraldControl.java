package dev.herald.it.shapes;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Herald's {@code dev.herald:type=Control} bean, used as an operator's JMX console would: each
 * operation's result, or its refusal message, as a line the tests can assert.
 */
final class HeraldControl {

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  private final ObjectName name;

  private HeraldControl() throws Exception {
    name = new ObjectName("dev.herald:type=Control");
  }

  /** The bean, once Herald has registered it (it does so after start-up), or after {@code waitMillis}. */
  static HeraldControl await(long waitMillis) throws Exception {
    HeraldControl control = new HeraldControl();
    long deadline = System.currentTimeMillis() + waitMillis;
    while (!control.registered() && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    return control;
  }

  /** True once Herald has registered the bean. */
  boolean registered() {
    return server.isRegistered(name);
  }

  /** {@code ok: <result>} or {@code refused: <message>}. */
  String invoke(String operation, String argument) {
    try {
      return "ok: " + server.invoke(name, operation, new Object[] {argument}, new String[] {String.class.getName()});
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return "refused: " + cause.getMessage();
    }
  }

  String[] attribute(String attribute) throws Exception {
    return (String[]) server.getAttribute(name, attribute);
  }
}
