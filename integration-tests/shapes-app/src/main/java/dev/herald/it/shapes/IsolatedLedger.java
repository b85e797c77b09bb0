package dev.herald.it.shapes;

/**
 * A service loaded by {@link LoadingScenarios#isolated} through a class loader that sees the JDK
 * and nothing else, Herald's hooks included, as JBoss Modules or OSGi without boot delegation do.
 */
public class IsolatedLedger {

  public String create(String id) {
    return "created " + id;
  }

  public String update(String id) {
    throw new IllegalArgumentException("bad " + id);
  }

  public static String delete(String id) {
    return "deleted " + id;
  }
}
