package dev.herald.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.agent.bootstrap.HeraldHooks;
import org.junit.jupiter.api.Test;

/**
 * Calls left on a thread's call stack by an exit that could not run (a StackOverflowError): one
 * woven method, {@code CallStackTest#save}, shared by two entities, as a base class's method is.
 */
class CallStackTest {

  private static final SiteRegistry SITES = new SiteRegistry();
  private static final int SAVE = SITES.register(CallStackTest.class.getName(), "save", "(I)I");
  private static final int ORDER = CallStack.keyOf("callstack-order.save");
  private static final int CUSTOMER = CallStack.keyOf("callstack-customer.save");

  private boolean orderLooksNested;

  /** Stands for the woven method: its frames are named as its site. */
  private int save(CallStack stack, int step) {
    switch (step) {
      case 0 -> { // order.save deep in a recursion: pushed, and its exit could not be called
        stack.push(ORDER, 1, SAVE);
        HeraldHooks.exitFailures++;
      }
      case 1 -> { // later, customer.save: running, and inside it order.save is entered
        stack.push(CUSTOMER, 2, SAVE);
        save(stack, 2);
      }
      default -> orderLooksNested = stack.containsLive(ORDER, SAVE, SITES);
    }
    return step;
  }

  @Test
  void aCallThatEndedWithoutItsExitIsDroppedAndTheRunningOneOfTheSameMethodKept() {
    CallStack stack = new CallStack();
    save(stack, 0);
    save(stack, 1);

    assertThat(orderLooksNested).as("order.save taken for nested in a call that ended").isFalse();
    assertThat(stack.contains(CUSTOMER)).as("customer.save is still running").isTrue();
  }
}
