package com.acme.shop.model;

import java.util.Objects;

/**
 * A customer account. New accounts are {@link Status#PENDING} until activated.
 *
 * @param id the account id, {@code 0} for a draft
 * @param name the customer's display name, never null
 * @param email the customer's e-mail address, never null
 * @param status the account's status, never null
 */
public record Account(long id, String name, String email, Status status) implements Entity {

  /** Where an account is in its life. */
  public enum Status { PENDING, ACTIVE, INACTIVE }

  public Account {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(status, "status");
  }

  /** A new, pending account that is not stored yet. */
  public static Account draft(String name, String email) {
    return new Account(0, name, email, Status.PENDING);
  }

  public Account withId(long newId) {
    return new Account(newId, name, email, status);
  }

  public Account withStatus(Status newStatus) {
    return new Account(id, name, email, newStatus);
  }
}
