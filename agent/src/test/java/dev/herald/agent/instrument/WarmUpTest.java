package dev.herald.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.agent.bootstrap.HeraldHooks;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The warm-up must take the paths a real service takes, or it warms nothing: its service is
 * covered and its base woven as a base, and what it weaves is code the JVM accepts and that calls
 * the hooks as woven code does.
 */
class WarmUpTest {

  private final RecordingDispatcher recorder = new RecordingDispatcher();

  @AfterEach
  void stopListening() {
    HeraldHooks.install(null);
    HeraldHooks.listening(false);
  }

  @Test
  void weavesItsServiceAsCoveredAndItsBaseAsABaseIntoCodeTheJvmAccepts() throws Throwable {
    byte[][] woven = WarmUp.weaveSamples(null);
    assertThat(woven.length).isEqualTo(2);
    assertThat(woven[0]).as("the service").isNotNull();
    assertThat(woven[1]).as("the base, woven because the service inherits its write methods").isNotNull();

    Loader loader = new Loader();
    Class<?> base = loader.define(woven[1]);
    Class<?> service = loader.define(woven[0]);
    assertThat(service.getSuperclass()).isSameAs(base);
    HeraldHooks.install(recorder);
    HeraldHooks.listening(true);

    Object instance = service.getConstructor().newInstance(); // verified and linked here
    Method update = service.getMethod("update", String.class, int.class);
    Method create = service.getMethod("create", Object.class);
    Method deactivate = service.getMethod("deactivate", long.class);
    assertThat(update.invoke(instance, "x", 7)).isEqualTo(7);
    assertThat(create.invoke(instance, "draft")).isEqualTo("draft");
    assertThat(deactivate.invoke(null, 3L)).isEqualTo(true);
    assertThatThrownBy(() -> service.getMethod("activate").invoke(instance))
        .isInstanceOf(InvocationTargetException.class)
        .cause().isInstanceOf(IllegalStateException.class);

    assertThat(recorder.lines()).as("a covered class's constructor announces it; each write method reports")
        .startsWith("constructing")
        .contains("exit 7 (Integer)", "exit draft (String)", "exit true (Boolean)",
            "failed java.lang.IllegalStateException");
  }

  @Test
  void cancelledItStopsBeforeWeaving() throws Exception {
    WarmUp warmUp = WarmUp.begin();
    warmUp.cancel();
    assertThat(WarmUp.weaveSamples(warmUp)).isNull();
  }

  private static final class Loader extends ClassLoader {
    Loader() {
      super(WarmUpTest.class.getClassLoader());
    }

    Class<?> define(byte[] bytes) {
      return defineClass(null, bytes, 0, bytes.length);
    }
  }
}
