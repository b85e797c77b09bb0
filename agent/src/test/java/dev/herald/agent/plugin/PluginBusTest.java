package dev.herald.agent.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.api.Event;
import dev.herald.api.EventListener;
import dev.herald.api.Phase;
import dev.herald.api.Subscription;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PluginBusTest {

  private final RecordingBus bus = new RecordingBus();
  private final ClassLoader pluginLoader = new URLClassLoader("herald-plugin:test.jar", new URL[0], null);
  private final PluginBus pluginBus = new PluginBus("audit", pluginLoader, bus, bus::subscribe);

  @Test
  void setsThePluginsContextClassLoaderDuringDeliveryAndRestoresIt() throws Exception {
    AtomicReference<ClassLoader> seen = new AtomicReference<>();
    pluginBus.on("order.*.*", event -> seen.set(Thread.currentThread().getContextClassLoader()));
    ClassLoader mine = Thread.currentThread().getContextClassLoader();

    bus.deliver(Event.builder("order", Phase.AFTER, "create").build());

    assertThat(seen.get()).isSameAs(pluginLoader);
    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(mine);
  }

  @Test
  void restoresTheContextClassLoaderWhenTheListenerThrows() {
    pluginBus.on("order.*.*", event -> {
      throw new IllegalStateException("listener failed");
    });
    ClassLoader mine = Thread.currentThread().getContextClassLoader();

    assertThatThrownBy(() -> bus.deliver(Event.builder("order", Phase.AFTER, "create").build()))
        .hasMessage("listener failed");
    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(mine);
  }

  @Test
  void namesSubscriptionsAfterThePluginAndTheListenerClass() {
    Subscription named = pluginBus.on("order.*.*", new AuditListener());
    Subscription lambda = pluginBus.on("order.*.*", event -> { });
    Subscription anonymous = pluginBus.on("order.*.*", new EventListener() {
      @Override
      public void onEvent(Event event) {}
    });

    assertThat(named.name()).isEqualTo("audit:AuditListener");
    assertThat(lambda.name()).isEqualTo("audit:listener");
    assertThat(anonymous.name()).isEqualTo("audit:listener");
  }

  @Test
  void closesEverySubscriptionAndRefusesNewOnesOnceClosed() {
    pluginBus.on("order.*.*", new AuditListener());
    pluginBus.on("*.failed.*", new AuditListener());

    pluginBus.closeAll();

    assertThat(bus.subscriptions()).allSatisfy(s -> assertThat(s.closed).isTrue());
    assertThat(pluginBus.subscriptions()).isZero();
    assertThatThrownBy(() -> pluginBus.on("order.*.*", new AuditListener()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("plugin 'audit' is stopping or stopped; it cannot subscribe any more");
  }

  @Test
  void forgetsASubscriptionThePluginClosedItself() {
    Subscription first = pluginBus.on("order.*.*", new AuditListener());
    pluginBus.on("*.failed.*", new AuditListener());

    first.close();

    assertThat(pluginBus.subscriptions()).isOne();
    assertThat(bus.subscriptions().get(0).closed).isTrue();
  }

  @Test
  void rejectsAMalformedPatternWithoutSubscribing() {
    assertThatThrownBy(() -> pluginBus.on("order.create", new AuditListener()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(bus.subscriptions()).isEmpty();
  }

  @Test
  void publishesAndFlushesThroughTheRealBus() {
    Event event = Event.builder("order", Phase.BEFORE, "create").build();

    pluginBus.publish(event);

    assertThat(bus.published("order.before.create")).containsExactly(event);
    assertThat(pluginBus.flush(Duration.ofSeconds(1))).isTrue();
    assertThat(pluginBus.statistics().published()).isOne();
  }

  static final class AuditListener implements EventListener {
    @Override
    public void onEvent(Event event) {}
  }
}
