package com.acme.shop.service;

import com.acme.shop.model.Entity;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The write operations every service of the shop shares, over an in-memory store keyed by id.
 *
 * <p>Ids start at 1 and are never reused. Safe for concurrent use.
 *
 * @param <T> the entity this service stores
 */
public abstract class BaseService<T extends Entity> {

  private final Map<Long, T> entities = new ConcurrentHashMap<>();
  private final AtomicLong lastId = new AtomicLong();
  private final String kind;

  /** @param kind what the entity is called in error messages, e.g. {@code "order"} */
  protected BaseService(String kind) {
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** Stores a draft under a new id and returns the stored entity. */
  public T create(T draft) {
    return insert(draft);
  }

  /**
   * Replaces the stored entity with the same id.
   *
   * @throws NoSuchElementException if no entity has that id
   */
  public T update(T entity) {
    Objects.requireNonNull(entity, "entity");
    if (entities.replace(entity.id(), entity) == null) {
      throw notFound(entity.id());
    }
    return entity;
  }

  /**
   * Removes the entity with this id and returns it.
   *
   * @throws NoSuchElementException if no entity has that id
   */
  public T delete(long id) {
    T removed = entities.remove(id);
    if (removed == null) {
      throw notFound(id);
    }
    return removed;
  }

  /** The entity with this id, if there is one. */
  public Optional<T> find(long id) {
    return Optional.ofNullable(entities.get(id));
  }

  /**
   * The entity with this id.
   *
   * @throws NoSuchElementException if no entity has that id
   */
  public T get(long id) {
    return find(id).orElseThrow(() -> notFound(id));
  }

  /** All stored entities, in no particular order. */
  public List<T> findAll() {
    return List.copyOf(entities.values());
  }

  /**
   * Stores a draft under a new id. Subclasses whose own operations store entities call this rather
   * than {@link #create}, since storing is a step of their operation, not a create of its own.
   */
  protected final T insert(T draft) {
    Objects.requireNonNull(draft, "draft");
    T stored = withId(draft, lastId.incrementAndGet());
    entities.put(stored.id(), stored);
    return stored;
  }

  /** A copy of {@code draft} with the given id. */
  protected abstract T withId(T draft, long id);

  private NoSuchElementException notFound(long id) {
    return new NoSuchElementException(kind + " " + id + " not found");
  }
}
