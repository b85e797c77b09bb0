package dev.herald.it.shapes;

import dev.herald.api.Herald;
import dev.herald.api.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

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

  /**
   * Services added and removed while running, by editing the file and over JMX: classes loaded
   * before they were configured start emitting (including methods inherited from a base class that
   * loaded uninstrumented), and removed ones fall silent.
   */
  static void services() throws Exception {
    Path config = Path.of(System.getProperty("shapes.config"));
    Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    AccountService accounts = new AccountService();
    InvoiceService invoices = new InvoiceService();
    LedgerService ledger = new LedgerService();
    try (Subscription subscription = Herald.bus().on("*.*.*",
        event -> seen.computeIfAbsent(event.entity(), e -> new AtomicInteger()).incrementAndGet())) {
      accounts.create(new Account("before", "reload")); // loads AccountService and BaseService uninstrumented
      ledger.upsert(1, 1, 1, true, 'a', new int[0], new String[0], null);
      Herald.bus().flush(Duration.ofSeconds(5));
      Report.print("services-account-events-before", count(seen, "account"));

      edit(config, "services:", "services:\n  - class: dev.herald.it.shapes.AccountService\n    entity: account");
      Report.print("services-calls-until-account", callUntil(() -> accounts.create(new Account("a", "r")),
          () -> count(seen, "account") > 0));
      seen.clear();
      for (int i = 0; i < 10; i++) {
        accounts.update(new Account("u" + i, "r"));
      }
      Herald.bus().flush(Duration.ofSeconds(5));
      Report.print("services-account-events-for-10-updates", count(seen, "account"));

      edit(config, "  - class: dev.herald.it.shapes.InvoiceService\n    entity: invoice\n", "");
      Report.print("services-calls-until-invoice-silent", callUntilSilent(() -> invoices.update("i"), seen, "invoice"));

      HeraldControl control = HeraldControl.await(WAIT_MILLIS);
      Report.print("services-jmx-add", control.invoke("addService",
          "{class: dev.herald.it.shapes.LedgerService, entity: ledger}"));
      Report.print("services-calls-until-ledger", callUntil(
          () -> ledger.upsert(1, 1, 1, true, 'a', new int[0], new String[0], null), () -> count(seen, "ledger") > 0));
      Report.print("services-jmx-disable", control.invoke("disableService", "dev.herald.it.shapes.AccountService"));
      Report.print("services-calls-until-account-silent",
          callUntilSilent(() -> accounts.create(new Account("d", "r")), seen, "account"));
      Report.print("services-jmx-bad-add", control.invoke("addService", "{class: 9nine}"));
      Report.print("services-jmx-misspelt-add", control.invoke("addService",
          "{class: dev.herald.it.shapes.LedgerServce, entity: ledger}"));
      Report.print("services-jmx-remove", control.invoke("removeService", "dev.herald.it.shapes.LedgerService"));
      Report.print("services-calls-until-ledger-silent", callUntilSilent(
          () -> ledger.upsert(1, 1, 1, true, 'a', new int[0], new String[0], null), seen, "ledger"));
    }
  }

  private static int count(Map<String, AtomicInteger> seen, String entity) {
    AtomicInteger n = seen.get(entity);
    return n == null ? 0 : n.get();
  }

  /** Calls until {@code done}; the number of calls, or -1 if it never was. */
  private static int callUntil(Runnable call, BooleanSupplier done) throws Exception {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    int calls = 0;
    while (!done.getAsBoolean() && System.currentTimeMillis() < deadline) {
      call.run();
      calls++;
      Herald.bus().flush(Duration.ofSeconds(5));
      Thread.sleep(50);
    }
    return done.getAsBoolean() ? calls : -1;
  }

  /** Calls until a call emits nothing for {@code entity}; the number of calls, or -1. */
  private static int callUntilSilent(Runnable call, Map<String, AtomicInteger> seen, String entity)
      throws Exception {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    int calls = 0;
    while (System.currentTimeMillis() < deadline) {
      int before = count(seen, entity);
      call.run();
      calls++;
      Herald.bus().flush(Duration.ofSeconds(5));
      if (count(seen, entity) == before) {
        return calls;
      }
      Thread.sleep(50);
    }
    return -1;
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
