package dev.herald.agent.instrument;

import dev.herald.api.Event;
import java.util.List;

/**
 * What the events of one call share, read from its {@link Invocation}: names, arguments, context
 * and id. The call's before event is the invocation itself; its after or failed event is a {@link
 * HeraldEvent}. Immutable once published.
 */
abstract class CallEvent implements Event {

  /** The call this event belongs to. */
  abstract Invocation call();

  @Override
  public final String name() {
    return call().binding.name(phase());
  }

  @Override
  public final String entity() {
    return call().binding.entity;
  }

  @Override
  public final String operation() {
    return call().binding.operation;
  }

  /** A view of the call's argument array, made when asked: most listeners never ask. */
  @Override
  public final List<Object> args() {
    return new ArgList(call().args);
  }

  @Override
  public final String actor() {
    return call().context.actor();
  }

  @Override
  public final String userId() {
    return call().context.userId();
  }

  @Override
  public final String traceId() {
    return call().context.traceId();
  }

  @Override
  public final long invocationId() {
    return call().id;
  }

  @Override
  public final String className() {
    return call().binding.className;
  }

  @Override
  public final String methodName() {
    return call().binding.methodName;
  }

  @Override
  public final String toString() {
    return name() + '#' + call().id;
  }
}
