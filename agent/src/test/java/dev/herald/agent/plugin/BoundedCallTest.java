package dev.herald.agent.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BoundedCallTest {

  private final ClassLoader loader = new URLClassLoader("herald-plugin:test.jar", new URL[0], null);

  @Test
  void runsOnANamedDaemonThreadWithTheGivenContextClassLoader() {
    AtomicReference<Thread> thread = new AtomicReference<>();
    AtomicReference<ClassLoader> context = new AtomicReference<>();

    BoundedCall.Outcome outcome = BoundedCall.await(BoundedCall.start("herald-plugin-start-x", loader, () -> {
      thread.set(Thread.currentThread());
      context.set(Thread.currentThread().getContextClassLoader());
    }), Duration.ofSeconds(10));

    assertThat(outcome.succeeded()).isTrue();
    assertThat(thread.get().getName()).isEqualTo("herald-plugin-start-x");
    assertThat(thread.get().isDaemon()).isTrue();
    assertThat(context.get()).isSameAs(loader);
  }

  @Test
  void reportsWhatTheCallThrew() {
    Error thrown = new NoClassDefFoundError("com/acme/Gone");

    BoundedCall.Outcome outcome = BoundedCall.await(BoundedCall.start("herald-plugin-start-x", loader, () -> {
      throw thrown;
    }), Duration.ofSeconds(10));

    assertThat(outcome.finished()).isTrue();
    assertThat(outcome.failure()).isSameAs(thrown);
  }

  @Test
  void givesUpWaitingAfterTheTimeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> call = BoundedCall.start("herald-plugin-start-x", loader, release::await);

    BoundedCall.Outcome outcome = BoundedCall.await(call, Duration.ofMillis(50));

    assertThat(outcome.finished()).isFalse();
    release.countDown();
    assertThat(BoundedCall.await(call, Duration.ofSeconds(10)).succeeded()).as("ends once released").isTrue();
  }

  @Test
  void writesTimeoutsAsTheConfigDoes() {
    assertThat(BoundedCall.format(Duration.ofSeconds(10))).isEqualTo("10s");
    assertThat(BoundedCall.format(Duration.ofMillis(300))).isEqualTo("300ms");
    assertThat(BoundedCall.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
  }
}
