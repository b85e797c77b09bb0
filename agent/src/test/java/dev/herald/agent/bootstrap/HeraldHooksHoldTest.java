package dev.herald.agent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HeraldHooksHoldTest {

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
  void whileHeldACallGoesOnAtOnceAsAHeldCallOfTheDispatcherInstalledMeanwhile() throws Exception {
    HeraldHooks.hold();
    HeraldHooks.install(dispatcher); // as the agent does after holding
    HeraldHooks.listening(true);
    assertThat(HeraldHooks.demanded()).isFalse();

    Caller caller = Caller.start("app-main");

    assertThat(caller.result()).as("returned without a release").isEqualTo("held-token-7");
    assertThat(dispatcher.heldEntered).containsExactly(7);
    assertThat(dispatcher.entered).isEmpty();
    assertThat(HeraldHooks.demanded()).as("a call while held wants the plugins").isTrue();
    HeraldHooks.release();
    assertThat(HeraldHooks.demanded()).as("nothing is held any more").isFalse();
  }

  @Test
  void theFirstHeldCallWakesTheThreadThatStartsThePlugins() throws Exception {
    HeraldHooks.install(dispatcher);
    HeraldHooks.hold();
    CountDownLatch woke = new CountDownLatch(1);
    Thread starter = new Thread(() -> {
      while (!HeraldHooks.demanded()) {
        LockSupport.park(); // as herald-start parks between polls; only the demand unparks it here
      }
      woke.countDown();
    }, "herald-start");
    starter.setDaemon(true);
    starter.start();
    HeraldHooks.wakeOnDemand(starter);

    Caller.start("app-main").result();

    assertThat(woke.await(10, TimeUnit.SECONDS)).as("herald-start was woken by the first call").isTrue();
  }

  @Test
  void afterReleaseNobodyListeningMeansTheDispatcherIsNotCalled() throws Exception {
    HeraldHooks.install(dispatcher);
    HeraldHooks.hold();
    HeraldHooks.release();

    assertThat(HeraldHooks.enter(7, String.class, null)).isNull();
    assertThat(dispatcher.entered).isEmpty();
  }

  @Test
  void theAgentsOwnThreadsAreNeverHeld() throws Exception {
    HeraldHooks.install(dispatcher);
    HeraldHooks.listening(true);
    HeraldHooks.hold();

    Caller plugin = Caller.start("herald-plugin-start-audit");

    assertThat(plugin.result()).isEqualTo("token-7");
  }

  /** A dispatcher that hands out "token-<site>" ("held-token-<site>" while held) and records the sites entered. */
  private static final class Recording implements Dispatcher {
    final List<Integer> entered = new CopyOnWriteArrayList<>();
    final List<Integer> heldEntered = new CopyOnWriteArrayList<>();

    @Override
    public Object enter(int site, Class<?> origin, Object self) {
      entered.add(site);
      return "token-" + site;
    }

    @Override
    public Object enterHeld(int site, Class<?> origin, Object self) {
      heldEntered.add(site);
      return "held-token-" + site;
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

    Object result() throws InterruptedException {
      assertThat(done.await(10, TimeUnit.SECONDS)).as("the call returned within 10 s").isTrue();
      return result.get();
    }
  }
}
