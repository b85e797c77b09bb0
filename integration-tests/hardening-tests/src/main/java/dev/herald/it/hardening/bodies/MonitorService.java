package dev.herald.it.hardening.bodies;

/**
 * Configured (entity {@code monitor}); synchronized blocks left by a return and by a throw, and two
 * nested blocks left by a return from the inner one. javac guards each block with its own handler
 * that exits the monitor; the weaver's catch-all must not skip or repeat a monitor exit.
 * {@link #heldByCaller} tells whether the calling thread still holds either lock afterwards.
 */
public class MonitorService {

  private final Object outer = new Object();
  private final Object inner = new Object();
  private int total;

  public boolean heldByCaller() {
    return Thread.holdsLock(outer) || Thread.holdsLock(inner);
  }

  public int returnInside(int x) {
    synchronized (outer) {
      if (x > 0) {
        total += x;
        return total;
      }
    }
    return -total;
  }

  public int throwInside(int x) {
    synchronized (outer) {
      if (x < 0) {
        throw new IllegalArgumentException("negative " + x);
      }
      total += x;
      return total;
    }
  }

  public String nested(String key) {
    synchronized (outer) {
      synchronized (inner) {
        if (key.isEmpty()) {
          throw new IllegalStateException("empty key");
        }
        return key + ":" + Thread.holdsLock(outer) + Thread.holdsLock(inner);
      }
    }
  }
}
