package dev.herald.agent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HeraldHooksHoldTest {

  private static final long HOLD = TimeUnit.SECONDS.toNanos(30);

  private final Recording dispatcher = new Recording();

  @BeforeEach
  @AfterEach
  void resetHooks() {
    // static state, shared with every other test in this JVM (buses set listening)
    HeraldHooks.release();
    HeraldHooks.install(null);
    HeraldHooks.listening(false);
  }

  @Test
  void aCallWaitsWhileHeldAndReachesTheDispatcherInstalledMeanwhile() throws Exception {
    HeraldHooks.hold(HOLD);
    HeraldHooks.install(dispatcher); // as the agent does after holding
    HeraldHooks.listening(true);
    Caller caller = Caller.start("app-main");

    caller.awaitParked();
    assertThat(dispatcher.entered).as("no call reaches the dispatcher while held").isEmpty();
    HeraldHooks.release();

    assertThat(caller.result()).isEqualTo("token-7");
    assertThat(dispatcher.entered).containsExactly(7);
  }

  @Test
  void whileHeldEvenWithoutSubscriptionsCallsWaitForThePlugins() throws Exception {
    HeraldHooks.install(dispatcher);
    HeraldHooks.hold(HOLD);
    Caller caller = Caller.start("app-main");

    caller.awaitParked();
    HeraldHooks.listening(true); // a plugin subscribes while starting
    HeraldHooks.release();

    assertThat(caller.result()).isEqualTo("token-7");
  }

  @Test
  void afterReleaseNobodyListeningMeansTheDispatcherIsNotCalled() throws Exception {
    HeraldHooks.install(dispatcher);
    HeraldHooks.hold(HOLD);
    HeraldHooks.release();

    assertThat(HeraldHooks.enter(7, String.class, null)).isNull();
    assertThat(dispatcher.entered).isEmpty();
  }

  @Test
  void theAgentsOwnThreadsNeverWait() throws Exception {
    HeraldHooks.install(dispatcher);
    HeraldHooks.listening(true);
    HeraldHooks.hold(HOLD);

    Caller plugin = Caller.start("herald-plugin-start-audit");

    assertThat(plugin.result()).isEqualTo("token-7");
  }

  @Test
  void awaitReleaseReturnsAtOnceWhenNothingIsHeld() {
    HeraldHooks.awaitRelease(); // would hang the test if it waited

    assertThat(HeraldHooks.enter(7, String.class, null)).isNull();
  }

  /** A dispatcher that hands out "token-<site>" and records the sites entered. */
  private static final class Recording implements Dispatcher {
    final List<Integer> entered = new CopyOnWriteArrayList<>();

    @Override
    public Object enter(int site, Class<?> origin, Object self) {
      entered.add(site);
      return "token-" + site;
    }

    @Override
    public void before(Object token, Object[] args) {}

    @Override
    public void constructing() {}

    @Override
    public void exit(Object token, Object result, Throwable thrown) {}
  }

  /** A thread that makes one instrumented call, as woven code would. */
  private static final class Caller {
    private final Thread thread;
    private final AtomicReference<Object> result = new AtomicReference<>();
    private final CountDownLatch done = new CountDownLatch(1);

    private Caller(String name) {
      thread = new Thread(() -> {
        result.set(HeraldHooks.enter(7, String.class, null));
        done.countDown();
      }, name);
    }

    static Caller start(String name) {
      Caller caller = new Caller(name);
      caller.thread.start();
      return caller;
    }

    /** Waits until the call is parked in the hold. */
    void awaitParked() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (thread.getState() != Thread.State.TIMED_WAITING) {
        if (done.getCount() == 0 || System.nanoTime() > deadline) {
          fail("the call did not wait for the release; it returned " + result.get());
        }
        Thread.onSpinWait();
      }
    }

    Object result() throws InterruptedException {
      assertThat(done.await(10, TimeUnit.SECONDS)).as("the call returned within 10 s").isTrue();
      return result.get();
    }
  }
}
