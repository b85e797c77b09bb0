package com.acme.shop.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.shop.model.Account;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class AccountServiceTest {

  private final AccountService accounts = new AccountService();

  @Test
  void createsPendingAccountsWithIdsFromOne() {
    Account alice = accounts.create(Account.draft("Alice", "alice@example.com"));
    Account bob = accounts.create(Account.draft("Bob", "bob@example.com"));

    assertThat(alice.id()).isEqualTo(1);
    assertThat(bob.id()).isEqualTo(2);
    assertThat(accounts.get(1)).isEqualTo(alice);
    assertThat(alice.status()).isEqualTo(Account.Status.PENDING);
  }

  @Test
  void activatesAndDeactivatesThroughUpdate() {
    long id = accounts.create(Account.draft("Alice", "alice@example.com")).id();

    assertThat(accounts.activate(id).status()).isEqualTo(Account.Status.ACTIVE);
    assertThat(accounts.get(id).status()).isEqualTo(Account.Status.ACTIVE);
    assertThat(accounts.deactivate(id).status()).isEqualTo(Account.Status.INACTIVE);
    assertThat(accounts.get(id).status()).isEqualTo(Account.Status.INACTIVE);
  }

  @Test
  void refusesToUpdateOrDeleteAnUnknownAccount() {
    Account ghost = Account.draft("Ghost", "ghost@example.com").withId(42);

    assertThatThrownBy(() -> accounts.update(ghost))
        .isInstanceOf(NoSuchElementException.class).hasMessage("account 42 not found");
    assertThatThrownBy(() -> accounts.delete(42)).isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> accounts.activate(42)).isInstanceOf(NoSuchElementException.class);
    assertThat(accounts.findAll()).isEmpty();
  }

  @Test
  void deleteReturnsTheRemovedAccount() {
    Account alice = accounts.create(Account.draft("Alice", "alice@example.com"));

    assertThat(accounts.delete(alice.id())).isEqualTo(alice);
    assertThat(accounts.find(alice.id())).isEmpty();
  }
}
