package dev.herald.it.hardening.shapes;

/**
 * Configured; {@code create} recurses into itself (one event for the outer call), {@code activate}
 * calls {@code update} (a nested call of another operation: its own events).
 */
public class TreeService {

  public int create(int depth) {
    return depth <= 0 ? 1 : 1 + create(depth - 1) + create(depth - 1);
  }

  public String activate(String node) {
    return "activated:" + update(node);
  }

  public String update(String node) {
    return node + "'";
  }
}
