package com.acme.shop.service;

import com.acme.shop.model.Account;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customer accounts: the shared create/update/delete, plus activate and deactivate.
 *
 * <p>Activating and deactivating are updates of the account's status, and go through {@link
 * #update}. Safe for concurrent use.
 */
public class AccountService extends BaseService<Account> {

  private static final Logger log = LoggerFactory.getLogger(AccountService.class);

  public AccountService() {
    super("account");
  }

  /**
   * Makes the account active.
   *
   * @throws java.util.NoSuchElementException if there is no such account
   */
  public Account activate(long id) {
    Account active = update(get(id).withStatus(Account.Status.ACTIVE));
    log.debug("account {} activated", id);
    return active;
  }

  /**
   * Makes the account inactive: it can no longer place orders.
   *
   * @throws java.util.NoSuchElementException if there is no such account
   */
  public Account deactivate(long id) {
    Account inactive = update(get(id).withStatus(Account.Status.INACTIVE));
    log.debug("account {} deactivated", id);
    return inactive;
  }

  @Override
  protected Account withId(Account draft, long id) {
    return draft.withId(id);
  }
}
