package dev.herald.it.shapes;

import dev.herald.api.Herald;
import dev.herald.api.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Config reload while running: the app edits its own config (path in {@code -Dshapes.config}) the
 * way an operator would, and counts, through its own subscription, what its calls emit.
 */
final class ReloadScenarios {

  private static final long WAIT_MILLIS = 15_000;

  private ReloadScenarios() {}

  /** Starts with {@code enabled: false}, enables the entry, then saves a broken edit. */
  static void reload() throws Exception {
    Path config = Path.of(System.getProperty("shapes.config"));
    AtomicInteger seen = new AtomicInteger();
    AccountService accounts = new AccountService();
    try (Subscription subscription = Herald.bus().on("account.*.*", event -> seen.incrementAndGet())) {
      for (int i = 0; i < 20; i++) {
        accounts.create(new Account("off-" + i, "reload"));
      }
      Herald.bus().flush(Duration.ofSeconds(5));
      Report.print("reload-events-while-disabled", seen.get());

      edit(config, "enabled: false", "enabled: true");
      Report.print("reload-calls-until-enabled", callUntilSeen(accounts, seen, "on-"));

      edit(config, "services:", "services: [");
      Thread.sleep(1_500); // several reload intervals: the broken edit has been read and refused
      seen.set(0);
      Report.print("reload-calls-after-broken-edit", callUntilSeen(accounts, seen, "still-"));
    }
  }

  private static int callUntilSeen(AccountService accounts, AtomicInteger seen, String prefix) throws Exception {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    int calls = 0;
    while (seen.get() == 0 && System.currentTimeMillis() < deadline) {
      accounts.create(new Account(prefix + calls++, "reload"));
      Herald.bus().flush(Duration.ofSeconds(5));
      Thread.sleep(50);
    }
    return seen.get() == 0 ? -1 : calls;
  }

  private static void edit(Path config, String from, String to) throws Exception {
    Files.writeString(config, Files.readString(config).replace(from, to));
  }
}
