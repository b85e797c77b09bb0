package org.example.boot;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The application's service: each write runs in a transaction and goes through the repository.
 * Spring calls it through a CGLIB subclass ({@code CustomerService$$SpringCGLIB$$0}) that opens the
 * transaction, so the class is neither final nor has final methods.
 */
@Service
public class CustomerService {

  private final CustomerRepository customers;

  public CustomerService(CustomerRepository customers) {
    this.customers = customers;
  }

  /** Saves a new customer; a blank name is refused before anything is saved. */
  @Transactional
  public Customer create(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a customer needs a name");
    }
    return customers.save(new Customer(name));
  }

  /** Renames a customer; fails if there is no customer {@code id}. */
  @Transactional
  public Customer update(long id, String name) {
    Customer customer = customers.findById(id)
        .orElseThrow(() -> new IllegalArgumentException("no customer " + id));
    customer.setName(name);
    return customers.save(customer);
  }

  /** Deletes a customer by id. */
  @Transactional
  public void delete(long id) {
    customers.deleteById(id);
  }

  /** How many customers there are; a read, never reported. */
  @Transactional(readOnly = true)
  public long count() {
    return customers.count();
  }
}
