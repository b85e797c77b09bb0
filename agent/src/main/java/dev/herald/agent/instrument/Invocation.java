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
  /** The calling thread's, kept so that exit need not look it up again: exit runs on that thread. */
  final CallStack stack;
  List<Object> args = List.of();

  Invocation(Binding binding, long id, long startNanos, EventContext context, CallStack stack) {
    this.binding = binding;
    this.id = id;
    this.startNanos = startNanos;
    this.context = context;
    this.stack = stack;
  }
}
