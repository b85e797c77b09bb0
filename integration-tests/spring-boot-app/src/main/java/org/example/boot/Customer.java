package org.example.boot;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** A customer row; a plain JPA entity (Hibernate may subclass it for lazy loading). */
@Entity
public class Customer {

  @Id
  @GeneratedValue
  private Long id;

  private String name;

  /** For JPA. */
  protected Customer() {}

  /** A new, unsaved customer. */
  public Customer(String name) {
    this.name = name;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  @Override
  public String toString() {
    return "Customer[" + id + ", " + name + "]";
  }
}
