package dev.herald.agent.instrument;

import dev.herald.agent.bootstrap.HeraldHooks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The code Byte Buddy inlines into every instrumented write method. Static methods only, no
 * fields, no logger: all work is handed to {@link HeraldHooks}, which lives on the bootstrap class
 * path and so is visible from any class loader.
 *
 * <p>{@code suppress = Throwable.class}: whatever goes wrong in here, the method runs as it would
 * without the agent. The argument array is only built (the parameter only read) when the call emits
 * an event, so a call nobody listens to allocates nothing.
 */
final class WriteAdvice {

  private WriteAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static Object enter(
      @SiteId int site,
      @Advice.Origin Class<?> origin,
      @Advice.This(optional = true) Object self,
      @Advice.AllArguments Object[] args) {
    Object token = HeraldHooks.enter(site, origin, self);
    if (token != null) {
      HeraldHooks.before(token, args);
    }
    return token;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter Object token,
      @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result,
      @Advice.Thrown Throwable thrown) {
    if (token != null) {
      HeraldHooks.exit(token, result, thrown);
    }
  }
}
