package dev.herald.it.hardening.shapes;

import java.util.ArrayList;
import java.util.List;

/**
 * An unconfigured generic base: a subclass that fixes {@code T} gets a bridge method {@code
 * create(Object)} from javac, which must not emit a second event.
 */
public abstract class GenericStore<T, I> {

  private final List<T> saved = new ArrayList<>();

  /** Saves {@code entity} and returns it. */
  public T create(T entity) {
    saved.add(entity);
    return entity;
  }

  /** The id of {@code entity}. */
  public abstract I idOf(T entity);

  public int size() {
    return saved.size();
  }
}
