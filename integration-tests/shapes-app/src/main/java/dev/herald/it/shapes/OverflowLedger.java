package dev.herald.it.shapes;

/** A write method called at every level of a recursion that ends in a StackOverflowError. */
public class OverflowLedger {

  public int create(int level) {
    return level + 1;
  }
}
