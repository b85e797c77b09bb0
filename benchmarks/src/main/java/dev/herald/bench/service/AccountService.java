package dev.herald.bench.service;

/**
 * The instrumented class: Herald's config and AspectJ's pointcut both name it. Its one write method
 * does nothing worth measuring, so every nanosecond above a plain call is the wrapper's.
 *
 * <p>Stateless; safe for concurrent use.
 */
public class AccountService implements Accounts {

  @Override
  public String create(String name) {
    return name;
  }
}
