package dev.herald.it.hardening.app;

/**
 * A service whose arguments, results and errors carry secrets, so that the tests can look for them
 * in the agent's log.
 */
public class VaultService {

  /** Returns a token derived from {@code password}. */
  public String create(String password) {
    return "RESULT-" + password.substring(password.indexOf('-') + 1) + "-TOKEN";
  }

  /** Always fails, with the argument in the message, the way careless code does. */
  public void delete(String password) {
    throw new IllegalStateException("cannot delete " + password);
  }
}
