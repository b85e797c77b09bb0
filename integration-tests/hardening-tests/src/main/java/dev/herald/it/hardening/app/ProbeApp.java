package dev.herald.it.hardening.app;

import dev.herald.api.Event;
import dev.herald.api.Herald;
import dev.herald.api.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code java -cp ... ProbeApp <mode>}: runs one mode, prints what it saw, and ends with {@code APP
 * DONE}.
 *
 * <ul>
 *   <li>{@code config}: calls {@link AccountService#create}; prints {@code installed} and {@code
 *       events} (how many events it received itself).
 *   <li>{@code plugins}: the same, for runs with hostile plugins; plugins print their own lines.
 *   <li>{@code secrets}: calls {@link VaultService} with secret values, and subscribes a listener
 *       that throws, so that the agent has reasons to log about the calls.
 * </ul>
 */
public final class ProbeApp {

  /** The argument the secrets mode passes; the tests look for it in the agent's log. */
  public static final String SECRET_ARG = "ARGSECRET-7f3a9c";

  private ProbeApp() {}

  public static void main(String[] args) {
    String mode = args.length == 0 ? "config" : args[0];
    List<Event> seen = new CopyOnWriteArrayList<>();
    Subscription all = Herald.bus().on("*.*.*", seen::add);
    System.out.println("installed=" + Herald.installed());
    switch (mode) {
      case "config", "plugins" -> System.out.println("create=" + new AccountService().create("ann"));
      case "secrets" -> secrets();
      default -> throw new IllegalArgumentException("unknown mode " + mode);
    }
    boolean flushed = Herald.bus().flush(Duration.ofSeconds(20));
    System.out.println("flushed=" + flushed);
    System.out.println("events=" + seen.size());
    for (Event event : seen) {
      System.out.println("event=" + event.name());
    }
    all.close();
    System.out.println("APP DONE");
  }

  private static void secrets() {
    Subscription throwing = Herald.bus().on("vault.*.*", event -> {
      throw new IllegalStateException("listener refuses " + event.name());
    });
    VaultService vault = new VaultService();
    System.out.println("token-length=" + vault.create(SECRET_ARG).length());
    try {
      vault.delete(SECRET_ARG);
    } catch (IllegalStateException expected) {
      System.out.println("delete-failed=true");
    }
    Herald.bus().flush(Duration.ofSeconds(20));
    throwing.close();
  }
}
