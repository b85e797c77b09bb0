package dev.herald.it.shapes;

import dev.herald.it.shapes.ShipmentService.CarrierException;
import dev.herald.it.shapes.auto.Services;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Scenarios that call the services in each shape; ids in the arguments tell the calls apart. */
final class EventScenarios {

  private EventScenarios() {}

  /** Inheritance, overrides, bridges, overloads, static, $$ classes, interfaces and proxies. */
  static void events() {
    AccountService accounts = new AccountService();
    Account account = new Account("a-1", "alice");
    Account created = accounts.create(account);
    Report.print("events-same-result", created == account);
    Report.print("events-result-identity", Report.identity(account));
    accounts.update(new Account("a-2", "alice"));
    accounts.delete("a-3");
    accounts.activate(new Account("a-4", "alice"));
    AccountService.upsert(new Account("a-5", "alice"));

    OrderService orders = new OrderService();
    orders.create(new Order("o-1", 100));
    BaseService<Order> base = orders;
    base.create(new Order("o-2", 200));
    base.update(new Order("o-3", 300));
    orders.create("o-4", 400L);
    new OrderService$$Generated().create(new Order("o-5", 500));

    new DraftService().create(new Draft("d-1"));
    new DraftService().update(new Draft("d-2"));

    new CardGateway().process("p-1", 100);
    new BankGateway().process("p-2", 200);
    Report.print("events-proxy-result", Proxies.paymentsDelegatingToCard().process("p-3", 300));
    Report.print("events-stock-result", Proxies.stock().create("sku-1", 7));
  }

  /** A write that throws: the caller must get the very exception the method threw. */
  static void errors() {
    try {
      new AccountService().delete("locked-1");
      Report.print("errors-thrown", false);
    } catch (LockedException e) {
      Report.print("errors-same-exception", e == BaseService.lastThrown);
      Report.print("errors-exception-identity", Report.identity(e));
    }
  }

  /** CompletableFutures completed after the call returned: after, failed (wrapped), failed (direct). */
  static void async() throws InterruptedException {
    ShipmentService shipments = new ShipmentService();
    CarrierException rejected = new CarrierException("rejected s-3");
    CompletableFuture<String> created = shipments.create("s-1");
    CompletableFuture<String> updated = shipments.update("s-2");
    CompletableFuture<Void> deleted = shipments.delete("s-3", rejected);
    // one method, a plain result twice, then a future, then a plain result again
    shipments.upsert("s-4", false);
    shipments.upsert("s-4", false);
    Object stored = shipments.upsert("s-5", true);
    shipments.upsert("s-6", false);
    Report.print("async-pending-at-return", !created.isDone() && !updated.isDone() && !deleted.isDone());
    // Not waiting for anything: the pause makes the durations measurably longer than the calls.
    Thread.sleep(50);
    Thread releaser = new Thread(shipments::release, "releaser");
    releaser.start();
    releaser.join();
    String result = created.join();
    Report.print("async-create-result", result);
    Report.print("async-create-result-identity", Report.identity(result));
    try {
      updated.join();
    } catch (CompletionException e) {
      Report.print("async-update-cause", e.getCause().getClass().getName());
      Report.print("async-update-cause-identity", Report.identity(e.getCause()));
    }
    Report.print("async-delete-failed", deleted.isCompletedExceptionally());
    Report.print("async-upsert-result", ((CompletableFuture<?>) stored).join());
    Report.print("async-delete-identity", Report.identity(rejected));
    CompletableFuture<String> refusing = shipments.activate("s-7");
    Report.print("async-refusing-value", refusing.join());
    Report.print("async-refusing-identity", Report.identity(refusing));
    Report.print("async-calls-back-then-throws-value", shipments.deactivate("s-8").join());
  }

  /** Primitives, arrays and a null argument, to a void method. */
  static void args() {
    new LedgerService().upsert(42L, 12.5, 3, true, 'x', new int[] {1, 2, 3}, new String[] {"a", "b"}, null);
  }

  /** Constructor, private method, lambda body: never instrumented, though the method glob is "*". */
  static void never() {
    CatalogService catalog = new CatalogService();
    catalog.touch("c-1");
    Runnable task = catalog.task();
    task.run();
    CatalogService.Helper.callSecret(catalog);
    Report.print("never-secrets", catalog.secrets);
  }

  /** One call in each service that the config tests configure in different ways. */
  static void config() {
    InvoiceService invoices = new InvoiceService();
    invoices.issue("i-1");
    invoices.update("i-2");
    new ArchiveService().create("ar-1");
    Services.createInEach("x-1");
    OrderService orders = new OrderService();
    orders.placeOrder(new Order("o-10", 10));
    orders.cancel("o-11");
    orders.create(new Order("o-12", 12));
    new AccountService().create(new Account("a-10", "config"));
    new javax.shapes.VendorService().create("v-1");
    new java.util.ArrayList<String>().add("a JDK class the config names");
  }
}
