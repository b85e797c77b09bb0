package dev.herald.it.hardening.shapes;

/** Configured; synchronized instance and static methods, and a synchronized block. */
public class LockService {

  private static int created;
  private int balance;

  public synchronized int update(int delta) {
    balance += delta;
    return balance;
  }

  public static synchronized int create(int seed) {
    created += seed;
    return created;
  }

  public int delete(int amount) {
    synchronized (this) {
      balance -= amount;
      return balance;
    }
  }
}
