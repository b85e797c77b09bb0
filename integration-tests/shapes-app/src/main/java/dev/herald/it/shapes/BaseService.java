package dev.herald.it.shapes;

/**
 * A generic base class that no config names: its methods emit for configured subclasses, with
 * the subclass's entity, and for nothing else.
 *
 * @param <T> the entity type
 */
public class BaseService<T> {

  /** The last exception {@link #delete} threw, so the app can check the caller got that instance. */
  static volatile RuntimeException lastThrown;

  public T create(T item) {
    return item;
  }

  public T update(T item) {
    return item;
  }

  /** Throws {@link LockedException} for ids starting with {@code locked}. */
  public void delete(String id) {
    if (id.startsWith("locked")) {
      RuntimeException e = new LockedException(id);
      lastThrown = e;
      throw e;
    }
  }

  /** Calls {@link #update}: a nested write of another operation, so both emit. */
  public T activate(T item) {
    return update(item);
  }
}
