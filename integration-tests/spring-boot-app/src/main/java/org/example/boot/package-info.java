/**
 * A Spring Boot application for Herald's integration tests: Spring Data JPA on an in-memory H2,
 * with a repository interface that Spring implements as a JDK dynamic proxy ({@link
 * org.example.boot.CustomerRepository}) and a {@code @Transactional} service that Spring wraps in a
 * CGLIB subclass ({@link org.example.boot.CustomerService}).
 *
 * <p>{@code java -jar spring-boot-app.jar} runs {@link org.example.boot.SignupRunner}'s writes once
 * and exits 0; there is no web server.
 */
package org.example.boot;
