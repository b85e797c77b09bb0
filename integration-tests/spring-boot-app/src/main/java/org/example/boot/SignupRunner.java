package org.example.boot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.CommandLineRunner;
import org.springframework.stereotype.Component;

/**
 * Makes a fixed set of writes once the context is up. SpringBootIT expects exactly the events of
 * these calls, in this order: create Ada, create Grace, update Ada, create "" (refused), delete
 * Grace.
 */
@Component
public class SignupRunner implements CommandLineRunner {

  private static final Logger log = LoggerFactory.getLogger(SignupRunner.class);

  private final CustomerService service;

  public SignupRunner(CustomerService service) {
    this.service = service;
  }

  @Override
  public void run(String... args) {
    log.info("service class {}", service.getClass().getName());
    Customer ada = service.create("Ada");
    Customer grace = service.create("Grace");
    service.update(ada.getId(), "Ada Lovelace");
    try {
      service.create("");
    } catch (IllegalArgumentException expected) {
      log.info("create refused: {}", expected.getMessage());
    }
    service.delete(grace.getId());
    log.info("customers left: {}", service.count());
  }
}
