package dev.herald.it.shapes;

/** Configured as entity {@code ledger}: a void write with primitive, array and null arguments. */
public class LedgerService {

  public void upsert(long account, double amount, int count, boolean open, char code,
      int[] buckets, String[] tags, Object nothing) {
    // arguments only
  }
}
