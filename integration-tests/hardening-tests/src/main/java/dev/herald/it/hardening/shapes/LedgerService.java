package dev.herald.it.hardening.shapes;

/**
 * Configured; wide (long, double) and narrow primitives and arrays as parameters and results, where
 * a wrong local-variable slot in the woven code would fail verification.
 */
public class LedgerService {

  public long update(long id, double amount, int[] counts, long[][] grid, char c, boolean flag,
      byte b, short s, float f) {
    long sum = id + (long) (amount * 100) + c + b + s + (long) f + (flag ? 1 : 0);
    for (int count : counts) {
      sum += count;
    }
    for (long[] row : grid) {
      for (long cell : row) {
        sum += cell;
      }
    }
    return sum;
  }

  public double upsert(double left, long right) {
    return left * right;
  }

  public int[] create(int[] values) {
    int[] doubled = values.clone();
    for (int i = 0; i < doubled.length; i++) {
      doubled[i] *= 2;
    }
    return doubled;
  }
}
