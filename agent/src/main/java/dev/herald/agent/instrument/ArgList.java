package dev.herald.agent.instrument;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * An unmodifiable view of a call's argument array: one small object, no copy. The array is the one
 * the advice built for this call and nobody else holds it.
 */
final class ArgList extends AbstractList<Object> implements RandomAccess {

  private final Object[] args;

  ArgList(Object[] args) {
    this.args = args;
  }

  @Override
  public Object get(int index) {
    return args[index];
  }

  @Override
  public int size() {
    return args.length;
  }
}
