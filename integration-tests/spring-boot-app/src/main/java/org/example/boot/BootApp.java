package org.example.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring Boot entry point: starts the context, lets the runner write, closes and exits. */
@SpringBootApplication
public class BootApp {

  /** Runs the application; exits with Spring's exit code (0 unless start-up failed). */
  public static void main(String[] args) {
    // Closing the context explicitly stops the connection pool, so the JVM exit does not wait on it.
    System.exit(SpringApplication.exit(SpringApplication.run(BootApp.class, args)));
  }
}
