package dev.herald.bench.startup;

import dev.herald.bench.service.AccountService;

/**
 * The trivial application of the start-up benchmark: prints its first line at once, then makes one
 * write call (so that an agent has a class to weave) and exits.
 */
public final class TrivialMain {

  /** The first line {@link ProcessRuns} waits for. */
  static final String FIRST_LINE = "trivial main started";

  private TrivialMain() {}

  public static void main(String[] args) {
    System.out.println(FIRST_LINE);
    System.out.println(new AccountService().create("alice"));
  }
}
