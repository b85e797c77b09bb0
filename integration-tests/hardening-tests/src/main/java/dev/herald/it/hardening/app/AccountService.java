package dev.herald.it.hardening.app;

/** A service the corpus configs name; {@code create} is one of the default write operations. */
public class AccountService {

  /** Returns a new account id made from {@code owner}. */
  public String create(String owner) {
    return "acct-" + owner;
  }
}
