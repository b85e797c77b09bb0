package dev.herald.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class StartupQuietTest {

  /** An Instrumentation that reports a loaded-class count and records transformers added and removed. */
  private static final class FakeInstrumentation {
    final AtomicInteger loaded = new AtomicInteger(1_000);
    final AtomicInteger counted = new AtomicInteger();
    final List<Object> added = new ArrayList<>();
    final List<Object> removed = new ArrayList<>();

    Instrumentation proxy() {
      return (Instrumentation) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {Instrumentation.class}, (self, method, args) -> {
            switch (method.getName()) {
              case "getAllLoadedClasses":
                counted.incrementAndGet();
                return new Class<?>[loaded.get()];
              case "addTransformer":
                added.add(args[0]);
                return null;
              case "removeTransformer":
                removed.add(args[0]);
                return true;
              default:
                throw new UnsupportedOperationException(method.getName());
            }
          });
    }
  }

  @Test
  void withoutATransformerOfItsOwnItWaitsUntilTheLoadedClassCountStopsChanging() throws Exception {
    FakeInstrumentation inst = new FakeInstrumentation();
    StartupQuiet quiet = StartupQuiet.install(inst.proxy(), false);
    long[] lastChange = {System.nanoTime()};
    Thread loader = new Thread(() -> {
      for (int i = 0; i < 8; i++) { // the application loads classes for ~400 ms
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        inst.loaded.addAndGet(10);
        lastChange[0] = System.nanoTime();
      }
    });
    loader.start();

    boolean settled = quiet.await(() -> false);
    long returned = System.nanoTime();
    loader.join();

    assertThat(settled).isTrue();
    assertThat(inst.added).as("no transformer: it would slow every later class load").isEmpty();
    assertThat(inst.removed).isEmpty();
    // a lower bound only: it returns once the count has held still for 250 ms, never before
    assertThat(TimeUnit.NANOSECONDS.toMillis(returned - lastChange[0])).isGreaterThanOrEqualTo(250);
    assertThat(inst.counted.get()).isGreaterThan(2);
  }

  @Test
  void whereATransformerRunsAnywayItWatchesWithOneUntilToldToStop() {
    FakeInstrumentation inst = new FakeInstrumentation();
    StartupQuiet quiet = StartupQuiet.install(inst.proxy(), true);

    assertThat(quiet.await(() -> false)).as("nothing loads: quiet after 250 ms").isTrue();
    assertThat(inst.removed).as("the plugins' wait may be followed by Logback's").isEmpty();
    assertThat(quiet.await(() -> false)).isTrue();
    quiet.stopWatching();

    assertThat(inst.added).containsExactly(quiet);
    assertThat(inst.removed).containsExactly(quiet);
    assertThat(inst.counted.get()).as("the transformer tells of loads; no counting").isZero();
  }

  @Test
  void itReturnsAtOnceWhenTheJvmIsStopping() {
    FakeInstrumentation inst = new FakeInstrumentation();
    StartupQuiet quiet = StartupQuiet.install(inst.proxy(), false);

    assertThat(quiet.await(() -> true)).as("not settled: told to stop").isFalse();

    assertThat(inst.counted.get()).as("no poll").isZero();
  }

  @Test
  void aDemandWhileTheApplicationStillLoadsEndsTheWaitUnsettled() throws Exception {
    FakeInstrumentation inst = new FakeInstrumentation();
    StartupQuiet quiet = StartupQuiet.install(inst.proxy(), true);
    AtomicBoolean demanded = new AtomicBoolean();
    AtomicBoolean loading = new AtomicBoolean(true);
    Thread waiting = Thread.currentThread();
    Thread application = new Thread(() -> {
      for (int i = 0; i < 4; i++) { // loads a class every 20 ms: never quiet for 250 ms
        quiet.transform(null, null, "Loaded" + i, null, null, new byte[0]);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
      demanded.set(true); // an event wants the plugins: the starter is woken, as Holding does
      LockSupport.unpark(waiting);
      while (loading.get()) {
        quiet.transform(null, null, "Later", null, null, new byte[0]);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
    });
    application.start();

    boolean settled = quiet.await(demanded::get);
    loading.set(false);
    application.join();

    assertThat(settled).isFalse();
    assertThat(demanded).isTrue();
  }
}
