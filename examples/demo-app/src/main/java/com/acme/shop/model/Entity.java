package com.acme.shop.model;

/**
 * Something a {@code BaseService} stores by id.
 *
 * <p>Implementations are immutable; an id of {@code 0} marks a draft that is not stored yet.
 */
public interface Entity {

  /** The id the service assigned, or {@code 0} for a draft. */
  long id();
}
