package dev.herald.agent.instrument;

import dev.herald.api.EventContext;
import java.util.List;

/**
 * One tracked call, from its before event to its after or failed event: the token the advice
 * carries from method entry to exit. Touched by the calling thread, and for an asynchronous result
 * by the thread that completes it, which happens after.
 */
final class Invocation {

  final Binding binding;
  final long id;
  final long startNanos;
  final EventContext context;
  List<Object> args = List.of();

  Invocation(Binding binding, long id, long startNanos, EventContext context) {
    this.binding = binding;
    this.id = id;
    this.startNanos = startNanos;
    this.context = context;
  }
}
