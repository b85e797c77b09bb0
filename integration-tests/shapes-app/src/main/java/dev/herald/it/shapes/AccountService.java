package dev.herald.it.shapes;

/** Configured as entity {@code account}; all its writes are inherited, plus one static method. */
public class AccountService extends BaseService<Account> {

  /** A static write method: instrumented like any other. */
  public static Account upsert(Account account) {
    return account;
  }
}
