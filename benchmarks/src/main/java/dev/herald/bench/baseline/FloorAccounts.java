package dev.herald.bench.baseline;

import dev.herald.bench.service.Accounts;

/**
 * Case (h), the floor: the trivial call plus what any event wrapper cannot avoid, two {@link
 * System#nanoTime()} reads and two small allocations. The allocations are stored in two fields so
 * that escape analysis cannot remove them.
 *
 * <p>Not safe for concurrent use (nor needs to be: one benchmark thread).
 */
public final class FloorAccounts implements Accounts {

  private final Accounts target;
  private Stamp before;
  private Stamp after;

  public FloorAccounts(Accounts target) {
    this.target = target;
  }

  @Override
  public String create(String name) {
    before = new Stamp(name, System.nanoTime());
    String result = target.create(name);
    after = new Stamp(result, System.nanoTime());
    return result;
  }

  /** Keeps the stored stamps reachable, for the reader who wonders. */
  public Object last() {
    return before == null ? after : before;
  }

  record Stamp(Object value, long nanoTime) {}
}
