package dev.herald.agent.instrument;

import dev.herald.agent.bootstrap.HeraldHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the constructors of configured classes: before an instance exists, the base
 * classes it inherits write methods from are instrumented (one volatile read when they already
 * are). Without it, a base that loaded before its configured subclass would be instrumented only
 * later, by a background thread, and the first calls would emit nothing.
 */
final class ConstructorAdvice {

  private ConstructorAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter() {
    HeraldHooks.constructing();
  }
}
