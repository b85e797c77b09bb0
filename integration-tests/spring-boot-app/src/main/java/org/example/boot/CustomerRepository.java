package org.example.boot;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Spring Data implements this interface at run time: a JDK dynamic proxy whose calls end in
 * {@code SimpleJpaRepository}. Herald's tests configure {@code save} and {@code delete*} on it.
 */
public interface CustomerRepository extends JpaRepository<Customer, Long> {}
