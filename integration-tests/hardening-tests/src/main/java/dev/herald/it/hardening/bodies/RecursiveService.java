package dev.herald.it.hardening.bodies;

/**
 * Configured (entity {@code recur}); {@code create} calls itself (one call, one pair of events),
 * {@code update} calls {@code upsert} (another operation: its own events, nested), and {@code
 * activate} calls {@code deactivate}, which calls {@code activate} again: that inner call is nested
 * in a call of its own entity and operation, so it emits nothing.
 */
public class RecursiveService {

  public int create(int depth) {
    return depth <= 0 ? 1 : depth * create(depth - 1);
  }

  public String update(String name) {
    return "updated " + upsert(name + "!");
  }

  public String upsert(String name) {
    return "upserted " + name;
  }

  public int activate(int n) {
    return n <= 0 ? 0 : 1 + deactivate(n - 1);
  }

  public int deactivate(int n) {
    return 10 + activate(n);
  }
}
