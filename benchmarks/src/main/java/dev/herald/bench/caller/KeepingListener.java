package dev.herald.bench.caller;

import dev.herald.api.Event;
import dev.herald.api.EventListener;

/**
 * Case (d): a listener that keeps each event, as an audit log or a batching exporter does: the
 * last 65,536 stay reachable, so events live past the young collection that would otherwise free
 * them for nothing. Called by one delivery thread at a time (Herald's guarantee), so no locking.
 */
final class KeepingListener implements EventListener {

  private final Event[] kept = new Event[1 << 16];
  private int next;

  @Override
  public void onEvent(Event event) {
    kept[next] = event;
    next = (next + 1) & (kept.length - 1);
  }
}
