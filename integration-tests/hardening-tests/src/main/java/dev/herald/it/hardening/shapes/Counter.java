package dev.herald.it.hardening.shapes;

/**
 * A configured abstract class; the tests call it through an anonymous subclass and a local class,
 * which are covered as its subclasses.
 */
public abstract class Counter {

  public int create(int start) {
    return start + step();
  }

  protected abstract int step();
}
